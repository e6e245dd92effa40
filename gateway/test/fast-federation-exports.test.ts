import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';

/**
 * Jest loads modules through its own registry, where swapping require's cache has no effect: this runs the built
 * gateway (dist/) in a plain Node process, as production does.
 */
const gatewayDir = path.resolve(__dirname, '..');

it('gives @apollo/gateway a plain copy of federation-internals: the same values, no getters, loaded after the swap', async () => {
  const script = `
    const path = require('node:path');
    require(path.join(${JSON.stringify(gatewayDir)}, 'dist/gateway.js'));
    const file = require.resolve('@apollo/federation-internals', { paths: [path.dirname(require.resolve('@apollo/gateway'))] });
    const exported = require.cache[file].exports;
    const descriptors = Object.getOwnPropertyDescriptors(exported);
    const definitions = require(path.join(path.dirname(file), 'definitions.js'));
    console.log(JSON.stringify({
      keys: Object.keys(descriptors).length,
      getters: Object.values(descriptors).filter((d) => d.get).length,
      esModule: exported.__esModule === true,
      sameValues: Object.keys(definitions).every((key) => key === '__esModule' || exported[key] === definitions[key]),
      gatewayLoaded: Object.keys(require.cache).some((key) => key.endsWith(path.join('@apollo', 'gateway', 'dist', 'resultShaping.js'))),
    }));
  `;
  const { stdout } = await promisify(execFile)(process.execPath, ['-e', script], { cwd: gatewayDir });
  const seen = JSON.parse(stdout) as { keys: number; getters: number; esModule: boolean; sameValues: boolean; gatewayLoaded: boolean };
  expect(seen.keys).toBeGreaterThan(100);
  expect(seen.getters).toBe(0);
  expect(seen.esModule).toBe(true);
  expect(seen.sameValues).toBe(true);
  expect(seen.gatewayLoaded).toBe(true);
});
