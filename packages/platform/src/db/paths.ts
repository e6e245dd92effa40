import { existsSync } from 'node:fs';
import path from 'node:path';

/** The repository root: the nearest folder upwards that holds supergraph.yaml. */
export function repoRoot(from = __dirname): string {
  let dir = path.resolve(from);
  while (!existsSync(path.join(dir, 'supergraph.yaml'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`Cannot find the repository root (supergraph.yaml) above ${from}`);
    dir = parent;
  }
  return dir;
}
