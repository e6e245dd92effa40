import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import type { SubgraphDefinition } from './composition';

/**
 * Reads rover's `supergraph.yaml` (so people with rover can run `rover supergraph compose` on the same file).
 * Only local schema files are supported: composition here is offline. Paths are relative to the yaml file.
 */
export function readSupergraphConfig(configPath: string): SubgraphDefinition[] {
  const config: unknown = parseYaml(readFileSync(configPath, 'utf8'));
  const subgraphs = isRecord(config) ? config.subgraphs : undefined;
  if (!isRecord(subgraphs) || Object.keys(subgraphs).length === 0) {
    throw new Error(`${configPath}: expected a "subgraphs" map with at least one subgraph`);
  }
  return Object.entries(subgraphs).map(([name, entry]) => {
    const url = isRecord(entry) ? entry.routing_url : undefined;
    const file = isRecord(entry) && isRecord(entry.schema) ? entry.schema.file : undefined;
    if (typeof url !== 'string' || typeof file !== 'string') {
      throw new Error(`${configPath}: subgraph "${name}" needs routing_url and schema.file`);
    }
    const schemaPath = path.resolve(path.dirname(configPath), file);
    return { name, url, typeDefs: readFileSync(schemaPath, 'utf8') };
  });
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
