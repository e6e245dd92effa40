import { readdirSync, existsSync } from 'node:fs';
import path from 'node:path';
import { applyMigrations, createMigration, ensureDatabase } from './migrations';
import { repoRoot } from './paths';
import { withDatabase } from './prisma';

/**
 * npm run migrate [-- context...]            apply pending migrations (all contexts by default)
 * npm run migrate:create -- <context> <name> write a new migration from a changed prisma/<context>/schema.prisma
 * A context's database is <CONTEXT>_DATABASE_URL, else DATABASE_URL with the database name set to the context.
 */
const root = repoRoot();
const contexts = readdirSync(path.join(root, 'prisma')).filter((d) => existsSync(path.join(root, 'prisma', d, 'schema.prisma')));

function databaseUrl(context: string): string {
  const own = process.env[`${context.toUpperCase()}_DATABASE_URL`];
  if (own) return own;
  const shared = process.env.DATABASE_URL;
  if (!shared) throw new Error(`Set ${context.toUpperCase()}_DATABASE_URL or DATABASE_URL (e.g. postgresql://postgres@127.0.0.1:5432/postgres).`);
  return withDatabase(shared, context);
}

const target = (context: string) => ({
  connectionString: databaseUrl(context),
  migrationsDir: path.join(root, 'prisma', context, 'migrations'),
  schemaPath: path.join(root, 'prisma', context, 'schema.prisma'),
});

function known(context: string | undefined): string {
  if (!context || !contexts.includes(context)) throw new Error(`Unknown context "${context ?? ''}"; known: ${contexts.join(', ')}`);
  return context;
}

async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command === 'deploy') {
    for (const context of args.length ? args.map(known) : contexts) {
      await ensureDatabase(databaseUrl(context));
      const applied = await applyMigrations(target(context));
      console.log(`${context}: ${applied.length ? `applied ${applied.join(', ')}` : 'up to date'}`);
    }
  } else if (command === 'create') {
    const context = known(args[0]);
    const name = args[1];
    if (!name || !/^\w{1,60}$/.test(name)) throw new Error('Name the migration in letters, digits and underscores, e.g. add_review_moderation');
    await ensureDatabase(databaseUrl(context));
    const created = await createMigration({ ...target(context), name });
    console.log(created ? `${context}: wrote ${path.relative(root, created.file)}` : `${context}: schema and migrations agree; nothing to create`);
  } else {
    throw new Error('Usage: migrate-cli deploy [context...] | migrate-cli create <context> <name>');
  }
}

// The wasm engine leaves a ten-second timer behind; exit as soon as the work is done.
main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
