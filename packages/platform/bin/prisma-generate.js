#!/usr/bin/env node
// Generates every context's Prisma client (prisma/<context>/schema.prisma) offline.
// `prisma generate` never needs the native schema engine, but the CLI tries to download it first; pointing it at
// /bin/false skips that download (never /bin/true: `migrate deploy` would then "succeed" having applied nothing).
'use strict';
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const prismaDir = path.join(root, 'prisma');
const only = process.argv.slice(2);

const contexts = fs
  .readdirSync(prismaDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(prismaDir, d.name, 'schema.prisma')))
  .map((d) => d.name)
  .filter((name) => only.length === 0 || only.includes(name))
  .sort();

const prismaCli = require.resolve('prisma/build/index.js', { paths: [root, __dirname] });
for (const context of contexts) {
  const schema = path.join('prisma', context, 'schema.prisma');
  const result = spawnSync(process.execPath, [prismaCli, 'generate', '--schema', schema], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: '/bin/false', PRISMA_HIDE_UPDATE_MESSAGE: '1' },
  });
  if (result.status !== 0) {
    process.stdout.write(result.stdout ?? '');
    console.error(`prisma generate failed for the ${context} context`);
    process.exit(result.status ?? 1);
  }
  console.log(`prisma client generated: ${context}`);
}
