/**
 * The floors of docs/architecture.md as rules; `npm run depcruise` checks
 * them in CI right after lint. Each floor imports only from floors below it:
 *
 *   surfaces  src/legacy, src/v2, src/admin, src/docs, src/oauth, src/cli, src/pipeline-probe and
 *             the composition root (src/main.ts, src/app.module.ts,
 *             src/bootstrap.ts, src/schema.ts, src/pipeline.ts)
 *   auth      src/auth, and src/webhooks (delivering the domain's events: a
 *             service above the domain that no surface but admin drives)
 *   domain    src/users, src/sessions, src/audit, src/events (the outbox and
 *             its event catalogue, written in the domain's transactions)
 *   wire      src/wire
 *   platform  src/platform
 *
 * Spec files (src/**\/*.spec.ts) follow the same floor rules as the code
 * beside them: a unit test exercises its own floor with fakes, so it has no
 * reason to reach up. One exception: a wire spec may import the surfaces'
 * contract files, because what it tests is that the readers and writers
 * handle the real published contracts (not look-alikes). Specs may import
 * test/support (shared fixtures); production code may not. Cycles are
 * checked on production code only.
 *
 * Surfaces never import each other, except that docs (OpenAPI, samples) and
 * cli (render) read the other surfaces' contract files: a contract is a
 * surface's published shape, and describing it is those surfaces' job. They
 * never import a surface's controllers or services.
 * migrations/ sits beside the platform: it may use domain helpers that are
 * frozen into the schema (username keys); only the composition root
 * (src/schema.ts, with every module's entities) hands it to the database
 * module. The CLI is a second entry point, so it may read src/schema.ts.
 */
const surface = '^src/(legacy|v2|admin|docs|oauth|cli|pipeline-probe)/';
const root = '^src/(main|app\\.module|bootstrap|schema|pipeline)\\.ts$';
const auth = '^src/(auth|webhooks)/';
const domain = '^src/(users|sessions|audit|events)/';
const wire = '^src/wire/';
const platform = '^src/platform/';
const anySurface = [surface, root];
/** A surface's published shapes: its contract files. */
const contracts = ['\\.contract\\.ts$', '^src/legacy/contracts/index\\.ts$'];
const spec = '\\.spec\\.ts$';

/** Each surface by itself: a surface never imports another one. */
const surfaces = ['legacy', 'v2', 'admin', 'docs', 'oauth', 'cli', 'pipeline-probe'];

module.exports = {
  forbidden: [
    {
      name: 'every-folder-on-a-floor',
      comment: 'A new src/ folder must be placed on a floor above, or no rule would check it.',
      severity: 'error',
      from: { path: '^src/', pathNot: [surface, root, auth, domain, wire, platform] },
      to: {},
    },
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'Production code has no import cycles (a cycle means two modules are one).',
      from: { path: '^src/', pathNot: spec },
      to: { circular: true },
    },
    {
      name: 'auth-not-to-surface',
      severity: 'error',
      comment: 'Authentication serves the surfaces; it never imports one.',
      from: { path: auth },
      to: { path: anySurface },
    },
    {
      name: 'domain-not-up',
      severity: 'error',
      comment: 'The domain knows no API, no login flow and no token format.',
      from: { path: domain },
      to: { path: [auth, ...anySurface] },
    },
    {
      name: 'wire-not-up',
      severity: 'error',
      comment: 'The wire layer (formats, negotiation, DataContracts) knows no domain.',
      from: { path: wire, pathNot: spec },
      to: { path: [domain, auth, ...anySurface] },
    },
    {
      name: 'wire-spec-not-up',
      severity: 'error',
      comment: 'A wire spec may read the real contracts it is tested against, nothing else above.',
      from: { path: wire, pathNot: '^(?!.*\\.spec\\.ts$)' },
      to: { path: [domain, auth, ...anySurface], pathNot: contracts },
    },
    {
      name: 'platform-not-up',
      severity: 'error',
      comment: 'The platform knows nothing above it.',
      from: { path: platform },
      to: { path: [wire, domain, auth, ...anySurface, '^migrations/'] },
    },
    {
      name: 'migrations-not-up',
      severity: 'error',
      comment: 'Migrations may use the domain (frozen schema helpers) and the platform, nothing above.',
      from: { path: '^migrations/' },
      to: { path: [auth, wire, ...anySurface] },
    },
    ...surfaces.map((name) => ({
      name: `surface-${name}-alone`,
      severity: 'error',
      comment: 'A surface never imports another surface or the composition root; the root wires them.',
      from: { path: `^src/${name}/` },
      to: {
        path: [surface, root],
        pathNot: [
          `^src/${name}/`,
          ...(name === 'docs' || name === 'cli' ? contracts : []),
          ...(name === 'cli' ? ['^src/schema\\.ts$'] : []),
        ],
      },
    })),
    {
      name: 'production-not-to-tests',
      severity: 'error',
      comment: 'Test fixtures are not compiled into the service.',
      from: { path: '^(src|migrations)/', pathNot: spec },
      to: { path: '^test/' },
    },
    {
      name: 'no-unresolvable',
      severity: 'error',
      comment: 'Every relative or aliased import resolves.',
      from: { path: '^(src|migrations)/' },
      to: { couldNotResolve: true, dependencyTypesNot: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^dist/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.js', '.json'],
    },
  },
};
