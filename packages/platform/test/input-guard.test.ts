import { buildSchema, parse } from 'graphql';
import { gql } from 'graphql-tag';
import { decodeCursor, encodeCursor, position, positionOf, readPage, scopeDigest, toConnection } from '../src/graphql/connection';
import { findInputProblems, isOneLineText } from '../src/graphql/input-guard';
import { AMOUNT, parseAmount, parseDecimal } from '../src/graphql/money';
import { decimalString, parseDayOrInstant } from '../src/graphql/validation';
import { createLogger } from '../src/logger';
import { startSubgraph } from '../src/server';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code ?? (error as Error).name;
  }
  return 'no error';
};

const schema = buildSchema(`
  scalar _Any
  input AddressInput { firstName: String!, streetLine1: String!, city: String!, notes: String }
  input OrderInput { email: String!, note: String, shippingAddress: AddressInput!, tags: [String!], lines: [LineInput!] }
  input LineInput { productName: String!, sku: String! }
  type Query { product(slug: String, id: ID): Boolean, entities(representations: [_Any!]!): Boolean }
  type Mutation { place(input: OrderInput!): Boolean, rename(name: String!, reason: String): Boolean }
`);

const problems = (query: string, variables: Record<string, unknown> = {}) => findInputProblems(schema, parse(query), variables);

describe('the input guard', () => {
  it('refuses a NUL in any string argument, literal or variable, naming the argument', () => {
    expect(problems('{ product(slug: "ab\\u0000cd") }')).toEqual([{ field: 'slug', of: 'product', message: 'must not contain NUL characters' }]);
    expect(problems('query($id: ID) { product(id: $id) }', { id: '\u0000' })).toEqual([{ field: 'id', of: 'product', message: 'must not contain NUL characters' }]);
  });

  it('refuses lone surrogates but keeps paired ones (emoji)', () => {
    expect(problems('query($s: String) { product(slug: $s) }', { s: '\ud800' })[0].message).toMatch(/unpaired surrogate/);
    expect(problems('query($s: String) { product(slug: $s) }', { s: 'x\udc00' })).toHaveLength(1);
    expect(problems('query($s: String) { product(slug: $s) }', { s: 'red-shirt-\u{1F455}' })).toEqual([]);
  });

  it('walks strings nested in input objects and lists and names their path', () => {
    const input = {
      email: 'a@b.co',
      shippingAddress: { firstName: 'Ada', streetLine1: '1 Main St', city: 'Spring\u0000field' },
      tags: ['ok', 'b\ud800ad'],
      lines: [{ productName: 'Shirt', sku: 'S\u0000' }],
    };
    expect(problems('mutation($input: OrderInput!) { place(input: $input) }', { input }).map((p) => p.field)).toEqual([
      'input.shippingAddress.city', 'input.tags[1]', 'input.lines[0].sku',
    ]);
    expect(problems('mutation($c: String!) { place(input: { email: "x", shippingAddress: { firstName: "A", streetLine1: "s", city: $c } }) }', { c: '\u0000' })
      .map((p) => p.field)).toEqual(['input.shippingAddress.city']);
  });

  it('refuses control characters in names and addresses only', () => {
    const input = { email: 'a@b.co', note: 'line one\nline two', shippingAddress: { firstName: 'Ada\u001b[31m', streetLine1: '1 Main St', city: 'Spring\nfield' }, lines: [{ productName: 'Shirt\u202e', sku: 'S1' }] };
    expect(problems('mutation($input: OrderInput!) { place(input: $input) }', { input }).map((p) => p.field)).toEqual([
      'input.shippingAddress.firstName', 'input.shippingAddress.city', 'input.lines[0].productName',
    ]);
    expect(problems('mutation { rename(name: "Tab\\there", reason: "tab\\there is fine") }').map((p) => p.field)).toEqual(['name']);
  });

  it('marks names and addresses by the schema’s naming', () => {
    expect(['name', 'firstName', 'holderName', 'productName'].every((n) => isOneLineText(n))).toBe(true);
    expect(['rename', 'username', 'email', 'description', 'notes'].some((n) => isOneLineText(n))).toBe(false);
    expect(isOneLineText('postalCode', 'OrderAddressInput')).toBe(true);
  });

  it('walks custom scalars such as federation representations, however they nest', () => {
    expect(problems('query($r: [_Any!]!) { entities(representations: $r) }', { r: [{ __typename: 'Product', id: 'a\u0000' }] }).map((p) => p.field))
      .toEqual(['representations[0].id']);
    let deep: unknown = 'x';
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(problems('query($r: [_Any!]!) { entities(representations: $r) }', { r: deep })[0].message).toMatch(/nested/);
  });

  it('guards a subgraph called directly, answering 200 so a gateway in front passes the code on', async () => {
    let reached = 0;
    const service = await startSubgraph({
      name: 'probe',
      typeDefs: gql`type Query { echo(text: String!): String }`,
      resolvers: { Query: { echo: (_: unknown, args: { text: string }) => ((reached += 1), args.text) } },
      port: 0, host: '127.0.0.1', log: createLogger('probe', 'silent'), production: true, context: () => ({}),
    });
    try {
      const post = (variables: Record<string, unknown>) =>
        fetch(service.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: 'query($t: String!) { echo(text: $t) }', variables }) });
      const refused = await post({ t: 'a\u0000b' });
      const body = (await refused.json()) as { errors: { extensions: { code: string; fields: { field: string }[] } }[] };
      expect([refused.status, body.errors[0].extensions.code, body.errors[0].extensions.fields[0].field]).toEqual([200, 'BAD_USER_INPUT', 'text']);
      expect(reached).toBe(0);
      expect(((await (await post({ t: 'fine' })).json()) as { data: unknown }).data).toEqual({ echo: 'fine' });
    } finally {
      await service.stop();
    }
  });

  it('lets ordinary text through, including long and non-Latin strings', () => {
    const input = { email: 'a@b.co', note: 'x'.repeat(100_000), shippingAddress: { firstName: 'Zoë', streetLine1: '東京都 1-2-3', city: 'Łódź' } };
    expect(problems('mutation($input: OrderInput!) { place(input: $input) }', { input })).toEqual([]);
  });
});

describe('decimals', () => {
  it('accepts plainly written amounts that fit DECIMAL(10,2)', () => {
    expect(['0', '12', '12.5', '12.50', '99999999.99', '-3.10'].map((v) => parseAmount(v)?.toFixed(2))).toEqual(['0.00', '12.00', '12.50', '12.50', '99999999.99', '-3.10']);
  });

  it('refuses separators, other digits, spaces, exponents, signs on zero and values that do not fit', () => {
    const refused = ['1,000.00', '１２', '', ' 1', '1 ', '1e3', 'NaN', 'Infinity', '-0', '-0.00', '+1', '012', '1.', '.5', '1.234', '100000000', '0x10', '١٢', '1_000'];
    expect(refused.filter((v) => parseAmount(v) !== null)).toEqual([]);
    expect(parseAmount(12 as unknown as string)).toBeNull();
  });

  it('validate input fields with the same rule, naming the limits', () => {
    const price = decimalString(AMOUNT, { min: 0 });
    expect(['19.90', '0'].map((v) => price.safeParse(v).success)).toEqual([true, true]);
    expect(['-1.00', '1,000.00', '', '１２'].map((v) => price.safeParse(v).success)).toEqual([false, false, false, false]);
    expect(price.safeParse('-1').error?.issues[0].message).toBe('must be a decimal like 19.90, at most 8 digits before the point and 2 after, not negative');
  });

  it('reads other column shapes, with or without a sign', () => {
    expect(parseDecimal('1234567.125', { integerDigits: 7, places: 3 })?.toString()).toBe('1234567.125');
    expect(parseDecimal('-1', { integerDigits: 7, places: 3 })).toBeNull();
  });
});

describe('cursors', () => {
  const isAt = positionOf<{ at: string; id: string }>({ at: position.timestampText, id: position.uuid });
  const id = '3b1f7c2e-0000-4000-8000-000000000001';

  it('are good only for the list, sort and filter they were made for', () => {
    const page = readPage({ first: 1 }, isAt, ['products', 'NEWEST', { categorySlug: 'shirts' }]);
    const cursor = toConnection([{ at: '2026-11-30 12:00:00.123456', id }], page, (r) => r).pageInfo.endCursor as string;
    expect(readPage({ after: cursor }, isAt, ['products', 'NEWEST', { categorySlug: 'shirts' }]).after).toEqual({ at: '2026-11-30 12:00:00.123456', id });
    expect(codeOf(() => readPage({ after: cursor }, isAt, ['products', 'PRICE_ASC', { categorySlug: 'shirts' }]))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => readPage({ after: cursor }, isAt, ['products', 'NEWEST', { categorySlug: 'shoes' }]))).toBe('BAD_USER_INPUT');
    expect(codeOf(() => readPage({ after: cursor }, isAt, ['reviews', 'NEWEST', { categorySlug: 'shirts' }]))).toBe('BAD_USER_INPUT');
  });

  it('see the same scope whatever order a filter’s keys came in', () => {
    expect(scopeDigest(['x', { a: 1, b: null, c: [2] }])).toBe(scopeDigest(['x', { c: [2], a: 1 }]));
  });

  it('refuse positions that would not cast in PostgreSQL, and garbage of any kind', () => {
    const scope = scopeDigest(['products']);
    const forged = (p: unknown) => encodeCursor(p, scope);
    for (const bad of [
      forged({ at: '2026-13-45 00:00:00', id }), forged({ at: '2026-11-30 12:00:00', id: '-'.repeat(36) }), forged({ at: '2026-11-30 12:00:00\u0000', id }),
      forged({ at: '9.99', id }), forged({ at: '2026-11-30 12:00:00', id, extra: 1 }), forged(null), 'x'.repeat(5_000), '%%%', '', '🙂', 'e30',
    ]) {
      expect(codeOf(() => decodeCursor(bad, isAt, scope))).toBe('BAD_USER_INPUT');
    }
  });

  it('check each kind of position strictly', () => {
    expect([position.instant('2026-11-30T12:00:00.000Z'), position.instant('2026-02-30T12:00:00.000Z'), position.instant('0000-01-01T00:00:00.000Z')]).toEqual([true, false, false]);
    expect([position.numericText('4.25'), position.numericText('1e3'), position.numericText('NaN')]).toEqual([true, false, false]);
    expect([position.int32(2 ** 31 - 1), position.int32(2 ** 31), position.int32(1.5)]).toEqual([true, false, false]);
  });
});

describe('days and instants', () => {
  it('accept real days and instants with an offset, in years PostgreSQL stores', () => {
    const ok = ['2026-11-30', '2024-02-29', '2026-11-30T12:00:00Z', '2026-11-30T12:00Z', '2026-11-30T12:00:00.123456+14:00', '0001-01-01'];
    expect(ok.filter((v) => parseDayOrInstant(v) === null)).toEqual([]);
  });

  it('refuse days that do not exist, year 0, and anything not ISO 8601', () => {
    const refused = ['2026-02-30', '2026-02-29', '2026-13-01', '0000-01-01', '99999-01-01', '-271821-04-20T00:00:00.000Z', '2026-11-30T24:00:00Z',
      '2026-11-30T12:00:00', 'yesterday', '', '30/11/2026', '2026-11-30 12:00:00Z'];
    expect(refused.filter((v) => parseDayOrInstant(v) !== null)).toEqual([]);
  });
});
