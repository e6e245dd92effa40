import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCompose } from '../src/compose';
import { composeSupergraph, CompositionError } from '../src/composition';
import { subgraphsIn } from '../src/supergraph';
import { productsSdl, reviewsSdl } from './fixtures';

const products = { name: 'products', url: 'http://localhost:4101/graphql', typeDefs: productsSdl };
const reviews = { name: 'reviews', url: 'http://localhost:4102/graphql', typeDefs: reviewsSdl };

test('composes subgraphs into a supergraph that names each subgraph and its URL', () => {
  expect(subgraphsIn(composeSupergraph([products, reviews]))).toEqual([
    { name: 'products', url: 'http://localhost:4101/graphql' },
    { name: 'reviews', url: 'http://localhost:4102/graphql' },
  ]);
});

test('reports each composition error with its message', () => {
  // Both subgraphs resolve Product.name without @shareable: composition must refuse.
  const clash = { ...reviews, typeDefs: reviewsSdl.replace('id: ID! reviews', 'id: ID! name: String! reviews') };
  const error = captureError(() => composeSupergraph([products, clash]));
  expect(error).toBeInstanceOf(CompositionError);
  expect((error as CompositionError).errors).toEqual([expect.stringContaining('Non-shareable field "Product.name"')]);
  expect(error.message).toContain('Non-shareable field "Product.name" is resolved from multiple subgraphs');
});

test('reports a syntax error with the subgraph it is in', () => {
  const error = captureError(() => composeSupergraph([products, { ...reviews, typeDefs: 'type {' }]));
  expect((error as CompositionError).errors).toEqual([expect.stringMatching(/^\[reviews\] Syntax Error/)]);
});

describe('the compose command', () => {
  let dir: string;
  let out: { info: string[]; error: string[] };
  const io = { info: (line: string) => out.info.push(line), error: (line: string) => out.error.push(line) };
  const options = (check: boolean) => ({
    configPath: path.join(dir, 'supergraph.yaml'),
    outPath: path.join(dir, 'supergraph.graphql'),
    check,
  });

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'compose-'));
    out = { info: [], error: [] };
    writeFileSync(path.join(dir, 'products.graphql'), productsSdl);
    writeFileSync(path.join(dir, 'reviews.graphql'), reviewsSdl);
    writeFileSync(
      path.join(dir, 'supergraph.yaml'),
      [
        'federation_version: =2.14.4',
        'subgraphs:',
        '  products:',
        '    routing_url: http://localhost:4101/graphql',
        '    schema:',
        '      file: ./products.graphql',
        '  reviews:',
        '    routing_url: http://localhost:4102/graphql',
        '    schema:',
        '      file: ./reviews.graphql',
      ].join('\n'),
    );
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('writes the supergraph that --check then accepts', () => {
    expect(runCompose(options(false), io)).toBe(0);
    expect(subgraphsIn(readFileSync(options(false).outPath, 'utf8')).map((s) => s.name)).toEqual(['products', 'reviews']);
    expect(runCompose(options(true), io)).toBe(0);
    expect(out.error).toEqual([]);
  });

  test('--check fails on a stale supergraph and says how to fix it', () => {
    expect(runCompose(options(false), io)).toBe(0);
    const before = readFileSync(options(false).outPath, 'utf8');
    writeFileSync(path.join(dir, 'reviews.graphql'), reviewsSdl.replace('body: String!', 'body: String! rating: Int'));
    expect(runCompose(options(true), io)).toBe(1);
    expect(out.error.join('\n')).toMatch(/supergraph\.graphql is out of date.*npm run compose/);
    expect(readFileSync(options(false).outPath, 'utf8')).toBe(before);
  });

  test('writes the API schema clients generate their types from, without federation machinery, and checks it too', () => {
    const withApi = (check: boolean) => ({ ...options(check), apiOutPath: path.join(dir, 'api-schema.graphql') });
    expect(runCompose(withApi(false), io)).toBe(0);
    const api = readFileSync(withApi(false).apiOutPath, 'utf8');
    expect(api).toContain('type Product');
    expect(api).not.toMatch(/join__|@link|_Entity|_service/);
    expect(runCompose(withApi(true), io)).toBe(0);
    writeFileSync(withApi(false).apiOutPath, api.replace('type Product', 'type Produce'));
    expect(runCompose(withApi(true), io)).toBe(1);
    expect(out.error.join('\n')).toMatch(/api-schema\.graphql is out of date/);
  });

  test('--check fails when the supergraph is missing', () => {
    expect(runCompose(options(true), io)).toBe(1);
    expect(out.error.join('\n')).toContain('supergraph.graphql is missing');
  });

  test('prints composition errors and fails in both modes without writing', () => {
    writeFileSync(path.join(dir, 'reviews.graphql'), reviewsSdl.replace('id: ID! reviews', 'id: ID! name: String! reviews'));
    for (const check of [false, true]) {
      out.error = [];
      expect(runCompose(options(check), io)).toBe(1);
      expect(out.error.join('\n')).toContain('Non-shareable field "Product.name"');
    }
    expect(() => readFileSync(options(false).outPath)).toThrow();
  });
});

function captureError(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
