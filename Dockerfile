# Node 22 LTS (Node 20 reached end of life in April 2026).
# Build stage: compile TypeScript with the dev dependencies.
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json nest-cli.json ./
COPY src ./src
COPY migrations ./migrations
COPY bench ./bench
COPY web ./web
# `npm run build` also bundles the admin console (web/admin) into dist/web/admin.
# The runtime image gets no dev-only code (dist/bench loads autocannon), no
# source maps and no dev dependencies.
RUN npm run build \
  && rm -rf dist/bench dist/.tsbuildinfo \
  && find dist -name '*.map' -delete \
  && npm prune --omit=dev

# Runtime stage: only production dependencies and the compiled service.
FROM node:22-bookworm-slim
ENV NODE_ENV=production PORT=3000 DATA_DIR=/data
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "dist/src/main.js"]
