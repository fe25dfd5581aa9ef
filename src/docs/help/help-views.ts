import { layout, markup, prose } from './html';
import { HelpApi, HelpApiPage, ResourceModel } from './help-model';
import { parameterTable, resource, samples } from './help-parts';

const HOME = markup`<section class="featured"><p><a href="/Help">Help Page Home</a></p></section>`;

function groupTable(group: string, apis: HelpApi[]) {
  const rows = apis.map(
    (api) => markup`<tr>
<td class="api-name"><a href="/Help/Api/${api.id}">${api.method} ${api.relativePath}</a></td>
<td class="api-documentation"><p>${prose(api.documentation || 'No documentation available.')}</p></td>
</tr>
`,
  );
  return markup`<h2 id="${group}">${group}</h2>
<table class="help-page-table">
<thead><tr><th>API</th><th>Description</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
`;
}

/** ASP.NET `Help/Index.cshtml` + `ApiGroup.cshtml`: the routes, grouped, each linking to its page. */
export function indexView(apis: HelpApi[]): string {
  const groups = new Map<string, HelpApi[]>();
  for (const api of apis) groups.set(api.group, [...(groups.get(api.group) ?? []), api]);
  return layout(
    'Help Page',
    markup`<section class="featured">
<h2>Introduction</h2>
<p>The routes legacy .NET clients call. Each answers JSON, XML and compressed JSON as the request
negotiates (ASP.NET Web API 2 rules), and reads bodies in those formats or as a form. The complete API,
modern and admin routes included, is described at <a href="/docs">/docs</a>.</p>
</section>
<section class="main-content">
${[...groups].map(([group, list]) => groupTable(group, list))}</section>`,
  );
}

/** ASP.NET `Help/Api.cshtml` + `HelpPageApiModel.cshtml`. */
export function apiView(page: HelpApiPage): string {
  const { api } = page;
  const requestFormats =
    page.requestSamples.length > 0
      ? markup`<h3 id="request-formats">Request Formats</h3>
${samples(page.requestSamples)}`
      : null;
  const responseFormats =
    page.responseSamples.length > 0
      ? markup`<h3 id="response-formats">Response Formats</h3>
${samples(page.responseSamples)}`
      : null;
  return layout(
    `${api.method} ${api.relativePath}`,
    markup`${HOME}
<section class="main-content">
<h1>${api.method} ${api.relativePath}</h1>
<div>
<p>${prose(api.route.description || api.documentation)}</p>
<h2>Request Information</h2>
<h3>URI Parameters</h3>
${parameterTable(page.uriParameters)}
<h3>Body Parameters</h3>
${page.requestDocumentation ? markup`<p>${prose(page.requestDocumentation)}</p>` : null}
${resource(page.request)}
${requestFormats}
<h2 id="response-information">Response Information</h2>
<h3>Resource Description</h3>
${page.responseDocumentation ? markup`<p>${prose(page.responseDocumentation)}</p>` : null}
${resource(page.response)}
${responseFormats}
</div>
</section>`,
  );
}

/** ASP.NET `Help/ResourceModel.cshtml`: one contract's members. */
export function resourceModelView(name: string, model: ResourceModel): string {
  return layout(
    name,
    markup`${HOME}
<section class="main-content">
<h1>${name}</h1>
${parameterTable(model.rows)}
</section>`,
  );
}

/** What an unknown API id or model name gets (404). */
export function notFoundView(what: string): string {
  return layout(
    'Not found',
    markup`${HOME}
<section class="main-content">
<h1>Not found</h1>
<p>No help page matches ${what}.</p>
</section>`,
  );
}
