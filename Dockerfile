# syntax=docker/dockerfile:1
# One small image per service: `turbo prune` keeps only the workspace packages the service needs, and the final
# stage carries their builds and production dependencies only, run as the unprivileged `node` user.
#
#   docker build --build-arg SERVICE=catalog -t shop-catalog .        (any subgraph: catalog … search)
#   docker build --build-arg SERVICE=gateway -t shop-gateway .        (also carries the storefront and admin builds)
#   docker build --build-arg SERVICE=migrate -t shop-migrate .        (applies every context's migrations, then exits)
#
# docker-compose.yml and deploy/ (Kubernetes) build and name these images; deploy/validate.js checks they agree.
ARG NODE_IMAGE=node:20-bookworm-slim

# The workspace packages one service needs, split into manifests (json/) and sources (full/).
FROM ${NODE_IMAGE} AS prune
ARG SERVICE
# The lockfile's turbo (package.json pins 2.11).
RUN npm install --global --no-audit --no-fund turbo@2.11.11
WORKDIR /src
COPY . .
RUN case "$SERVICE" in \
      gateway) packages="@shop/gateway @shop/storefront @shop/admin @shop/web-kit" ;; \
      migrate) packages="@shop/platform" ;; \
      cart|catalog|customer|inventory|notification|order|payment|search) packages="@shop/$SERVICE" ;; \
      *) echo "SERVICE must be gateway, migrate or a subgraph (catalog, customer, …), got '$SERVICE'" >&2; exit 1 ;; \
    esac \
 && turbo prune $packages --docker --out-dir /pruned

FROM ${NODE_IMAGE} AS build
ARG SERVICE
WORKDIR /app
# Manifests first, so this `npm ci` layer is reused until a dependency of this service changes.
COPY --from=prune /pruned/json/ ./
COPY .npmrc ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY --from=prune /pruned/full/ ./
# Every context's schema and migrations: Prisma clients are generated from them, and the migrate job applies them.
COPY prisma ./prisma
# supergraph.yaml marks the root the platform finds its files from (packages/platform/src/db/paths.ts).
COPY supergraph.graphql supergraph.yaml tsconfig.base.json ./
RUN case "$SERVICE" in gateway|migrate) ;; *) node packages/platform/bin/prisma-generate.js "$SERVICE" ;; esac \
 && npx --no-install turbo run build --output-logs=errors-only \
 && npm prune --omit=dev --ignore-scripts
# What runs is dist/ (with the compiled Prisma client), schema.graphql, notification templates and the SPAs' dist/.
# The Prisma CLI (a dependency of the platform, for `prisma generate`) and what only it uses are not needed at run
# time but by the migrate job: ~190 MB less per service image.
RUN if [ "$SERVICE" != migrate ]; then \
      rm -rf prisma node_modules/prisma node_modules/@prisma/dev node_modules/@prisma/studio-core node_modules/@prisma/streams-local \
        node_modules/@prisma/fetch-engine node_modules/@prisma/engines node_modules/@prisma/get-platform node_modules/effect \
        node_modules/@electric-sql node_modules/typescript; \
    fi \
 && for dir in packages/* subgraphs/* gateway apps/*; do [ -d "$dir" ] && rm -rf "$dir/src" "$dir/test" "$dir"/*.tsbuildinfo; done; \
    rm -rf node_modules/.cache .turbo turbo.json

FROM ${NODE_IMAGE}
ARG SERVICE
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build --chown=root:root /app ./
USER node
# Ports: gateway 4000, catalog 4001, customer 4002, inventory 4003, cart 4004, order 4005, payment 4006,
# notification 4007, search 4008. The command is set per service by compose and the Kubernetes manifests.
EXPOSE 4000-4008
CMD ["node", "-e", "console.error('Give the service command, e.g. node subgraphs/catalog/dist/main.js'); process.exit(64)"]
