import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compose, CompositionError } from './composition';
import { repoRoot } from './paths';
import { readSupergraphConfig } from './supergraph-config';

export interface ComposeOptions {
  configPath: string;
  outPath: string;
  /** Compare with the file at outPath instead of writing it. */
  check: boolean;
}

export interface ComposeOutput {
  info(line: string): void;
  error(line: string): void;
}

/** The `npm run compose[:check]` command; returns the process exit code. */
export function runCompose(options: ComposeOptions, out: ComposeOutput = console): number {
  let result: ReturnType<typeof compose>;
  try {
    result = compose(readSupergraphConfig(options.configPath));
  } catch (error) {
    if (error instanceof CompositionError) {
      out.error(`Composition of ${options.configPath} failed with ${error.errors.length} error(s):`);
      for (const message of error.errors) out.error(`  - ${message}`);
    } else {
      out.error((error as Error).message);
    }
    return 1;
  }
  for (const hint of result.hints) out.info(`hint: ${hint}`);
  const sdl = `${result.supergraphSdl}\n`;
  const name = path.basename(options.outPath);
  if (options.check) {
    if (existsSync(options.outPath) && readFileSync(options.outPath, 'utf8') === sdl) {
      out.info(`${name} is up to date.`);
      return 0;
    }
    out.error(
      `${name} is ${existsSync(options.outPath) ? 'out of date' : 'missing'}: it does not match what ` +
        `${path.basename(options.configPath)} and the subgraph schemas compose to. Run \`npm run compose\` and commit ${name}.`,
    );
    return 1;
  }
  writeFileSync(options.outPath, sdl);
  out.info(`Wrote ${options.outPath}.`);
  return 0;
}

if (require.main === module) {
  // parseArgs rejects unknown options with a message naming them.
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, config: { type: 'string' }, out: { type: 'string' } },
  });
  process.exitCode = runCompose({
    configPath: path.resolve(values.config ?? path.join(repoRoot, 'supergraph.yaml')),
    outPath: path.resolve(values.out ?? path.join(repoRoot, 'supergraph.graphql')),
    check: values.check,
  });
}
