import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { compose, CompositionError } from './composition';
import { repoRoot } from './paths';
import { readSupergraphConfig } from './supergraph-config';

export interface ComposeOptions {
  configPath: string;
  outPath: string;
  /** Where the client-facing API schema goes (the SPAs' codegen reads it); none when omitted. */
  apiOutPath?: string;
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
  const outputs = [{ path: options.outPath, text: `${result.supergraphSdl}\n` }];
  if (options.apiOutPath) outputs.push({ path: options.apiOutPath, text: `${API_SCHEMA_HEADER}${result.apiSdl}\n` });
  if (options.check) {
    const stale = outputs.filter((o) => !existsSync(o.path) || readFileSync(o.path, 'utf8') !== o.text);
    for (const o of stale) {
      const name = path.basename(o.path);
      out.error(
        `${name} is ${existsSync(o.path) ? 'out of date' : 'missing'}: it does not match what ` +
          `${path.basename(options.configPath)} and the subgraph schemas compose to. Run \`npm run compose\` and commit ${name}.`,
      );
    }
    if (stale.length) return 1;
    out.info(`${outputs.map((o) => path.basename(o.path)).join(' and ')} up to date.`);
    return 0;
  }
  for (const o of outputs) {
    writeFileSync(o.path, o.text);
    out.info(`Wrote ${o.path}.`);
  }
  return 0;
}

const API_SCHEMA_HEADER = '# The API schema clients see through the gateway, written by `npm run compose` (do not edit).\n\n';

if (require.main === module) {
  // parseArgs rejects unknown options with a message naming them.
  const { values } = parseArgs({
    options: { check: { type: 'boolean', default: false }, config: { type: 'string' }, out: { type: 'string' } },
  });
  process.exitCode = runCompose({
    configPath: path.resolve(values.config ?? path.join(repoRoot, 'supergraph.yaml')),
    outPath: path.resolve(values.out ?? path.join(repoRoot, 'supergraph.graphql')),
    apiOutPath: values.out ? undefined : path.join(repoRoot, 'api-schema.graphql'),
    check: values.check,
  });
}
