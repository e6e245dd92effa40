import { randomUUID } from 'node:crypto';
import { scopeDigest } from '@shop/platform';
import {
  buildClientSchema, getIntrospectionQuery, getNamedType, isEnumType, isInputObjectType, isLeafType, isListType, isNonNullType, isObjectType,
  type GraphQLArgument, type GraphQLField, type GraphQLInputType, type GraphQLNamedType, type GraphQLObjectType, type GraphQLSchema,
} from 'graphql';
import { Client } from 'pg';
import { Agent, fetch } from 'undici';
import { ADDRESS, asAdmin, asCustomer, CARD, issuer, startShop, type Shop } from './shop-harness';

/**
 * The whole schema under attack: every argument of every query and mutation of the composed API schema (read
 * from the running gateway by introspection, so a field added tomorrow is walked tomorrow), and the arguments of
 * the fields one or two levels below the queries, each leaf in turn given hostile values — NUL, lone surrogates,
 * control characters, huge strings, malformed decimals, UUIDs and cursors, cursors of another list, numbers out of
 * range, unknown enum values, empty strings and lists — while every other argument holds a valid value so the
 * hostile one reaches as deep as it can. Sent over HTTP to the real gateway as a guest, as a customer and as staff.
 * Every answer: no 5xx, no INTERNAL_SERVER_ERROR (by code), nothing of a database, Prisma, stack or file path, and
 * a refused request leaves every context's database as it was (row triggers count committed changes per table).
 */
let shop: Shop;
const agent = new Agent({ connections: 8 });
const dbs = new Map<string, Client>();

/** Valid values the fillers hand out, made by a real purchase before the walk. */
const known = {
  productId: '', variantId: '', slug: '', sku: '', categoryId: '', customerId: randomUUID(), victimId: randomUUID(), orderId: '', orderNumber: '', paymentId: '',
  cursors: [] as string[],
};
let customer: Record<string, string>;
/** A guest: their cart session header, replaced when a checkout bought the cart. */
const guest: Record<string, string> = {};
/** Staff with a customer profile of their own, so the walk also reaches the paths of a signed-in shopper. */
const admin = issuer.as(randomUUID(), ['customer', 'admin'], { claims: { email: 'walk-staff@example.com', given_name: 'Grace', family_name: 'Hopper' } });

const CONCURRENCY = 4;
const LEAKS = /prisma|sqlstate|invalid input syntax|violates .* constraint|duplicate key|node_modules|\/work\/|\.[jt]s:\d+|stacktrace|\bat [\w.<>]+ \(|ECONNREFUSED|undici/i;
/** Codes after which nothing may have been written: the request was refused, not partly carried out. */
const REFUSALS = new Set(['BAD_USER_INPUT', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'FORBIDDEN', 'UNAUTHENTICATED', 'NOT_FOUND', 'PAYLOAD_TOO_LARGE', 'QUERY_TOO_COMPLEX']);

beforeAll(async () => {
  shop = await startShop();
  for (const [context, url] of Object.entries(shop.databaseUrls)) {
    const client = new Client({ connectionString: url });
    await client.connect();
    await client.query(COUNT_WRITES);
    dbs.set(context, client);
  }
  await seed();
}, 120_000);

afterAll(async () => {
  for (const client of dbs.values()) await client.end();
  await agent.close();
  await shop?.stop();
});

/** Every committed row change in every table of a context's database is logged (rolled-back ones are not). */
const COUNT_WRITES = `
  CREATE TABLE hostile_walk_writes (tbl text NOT NULL, op text NOT NULL, tx bigint NOT NULL DEFAULT txid_current());
  CREATE FUNCTION hostile_walk_log() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN INSERT INTO hostile_walk_writes (tbl, op) VALUES (TG_TABLE_NAME, TG_OP); RETURN NULL; END $$;
  DO $$ DECLARE t text; BEGIN
    FOR t IN SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND NOT c.relispartition AND c.relname NOT IN ('hostile_walk_writes', '_prisma_migrations')
    LOOP EXECUTE format('CREATE TRIGGER hostile_walk AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH ROW EXECUTE FUNCTION hostile_walk_log()', t);
    END LOOP; END $$;`;

/**
 * Changes that background workers make on their own, whoever asked what: the outbox relay marks events published,
 * the order context retries a cancellation's void or refund, a context applies another's event (an earlier
 * request's, landing at any moment: everything its transaction wrote beside its processed_events row), and the
 * built-in payment provider's webhook for an earlier payment arrives (its transactions store or apply a
 * payment_webhooks row). Anything else written during a request is the request's.
 */
const BACKGROUND = `NOT (tbl = 'domain_events' AND op = 'UPDATE') AND NOT (tbl = 'order_payment_operations' AND op = 'UPDATE')
  AND tx NOT IN (SELECT tx FROM hostile_walk_writes WHERE tbl IN ('processed_events', 'payment_webhooks'))`;

async function writes(): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const [context, client] of dbs) {
    const { rows } = await client.query<{ tbl: string; n: string }>(`SELECT tbl, count(*) AS n FROM hostile_walk_writes WHERE ${BACKGROUND} GROUP BY tbl`);
    for (const row of rows) counts.set(`${context}.${row.tbl}`, Number(row.n));
  }
  return counts;
}
const changed = (before: Map<string, number>, after: Map<string, number>) =>
  [...after].filter(([table, n]) => n !== (before.get(table) ?? 0)).map(([table]) => table);

interface Answer {
  status: number;
  text: string;
  body?: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] };
}

async function send(query: string, variables: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Answer> {
  const response = await fetch(shop.gateway.url, {
    method: 'POST', dispatcher: agent, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  let body: Answer['body'];
  try {
    body = JSON.parse(text) as Answer['body'];
  } catch {
    body = undefined;
  }
  return { status: response.status, text, body };
}

async function ok<T = Record<string, any>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<T> {
  const answer = await send(query, variables, headers);
  if (!answer.body?.data || answer.body.errors) throw new Error(`seed request failed: ${answer.text.slice(0, 500)}`);
  return answer.body.data as T;
}

/** A product in stock, a customer with a confirmed order and its payment, a guest cart, and cursors of several lists. */
async function seed(): Promise<void> {
  const p = await shop.product(1_000, '25.00');
  Object.assign(known, { productId: p.productId, variantId: p.variantId, slug: p.slug, sku: p.sku });
  for (let i = 0; i < 3; i++) await shop.product(10, `${10 + i}.50`);
  known.categoryId = (await ok<{ categories: { id: string }[] }>('{ categories { id } }')).categories[0].id;
  customer = asCustomer(known.customerId);
  await ok('{ me { id } }', {}, customer);
  await ok('{ me { id } }', {}, admin);
  await ok('{ me { id } }', {}, asCustomer(known.victimId)); // whom staff suspend in the walk, not the walking customer
  await ok('mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { id } }', { v: known.variantId }, customer);
  const order = await ok<{ checkout: { id: string; number: string } }>(
    'mutation($input: CheckoutInput!) { checkout(input: $input) { id number } }',
    { input: { idempotencyKey: `walk-${randomUUID()}`, expectedSubtotal: '25.00', shippingAddress: ADDRESS, card: CARD } }, customer,
  );
  Object.assign(known, { orderId: order.checkout.id, orderNumber: order.checkout.number });
  known.paymentId = (await ok<{ myPayments: { edges: { node: { id: string } }[] } }>('{ myPayments { edges { node { id } } } }', {}, customer)).myPayments.edges[0].node.id;
  await refillCarts();
  // Cursors of other lists, sorts and filters: each must be refused wherever it does not belong.
  for (const sort of ['PRICE_ASC', 'NEWEST', 'NAME_ASC', 'RATING_DESC']) {
    known.cursors.push((await ok(`{ products(sort: ${sort}, first: 1) { pageInfo { endCursor } } }`)).products.pageInfo.endCursor);
  }
  known.cursors.push((await ok('{ customers(first: 1) { pageInfo { endCursor } } }', {}, asAdmin)).customers.pageInfo.endCursor);
  known.cursors.push((await ok('{ orders(first: 1) { pageInfo { endCursor } } }', {}, asAdmin)).orders.pageInfo.endCursor);
  const forged = (scope: unknown[], p: unknown) => Buffer.from(JSON.stringify({ s: scopeDigest(scope), p })).toString('base64url');
  known.cursors.push(
    forged(['products', 'NEWEST', {}], { k: '2026-13-45 99:00:00', id: known.productId }),
    forged(['products', 'PRICE_ASC', {}], { k: 'NaN', id: '-'.repeat(36) }),
    Buffer.from(JSON.stringify({ k: '12.50', id: known.productId })).toString('base64url'),
    Buffer.from(JSON.stringify({ at: '-271821-04-20T00:00:00.000Z', id: known.orderId })).toString('base64url'),
  );
}

/** One unit in the customer's and the guest's carts (25.00), so a checkout gets as far as its input allows. */
async function refillCarts(): Promise<void> {
  const add = 'mutation($v: ID!) { addToCart(variantId: $v, quantity: 1) { sessionToken } }';
  for (const headers of [customer, guest]) {
    const cart = await ok<{ cart: { itemCount: number } | null }>('{ cart { itemCount } }', {}, headers);
    if (cart.cart?.itemCount) continue;
    // A bought guest cart stays bought: the guest starts a new one.
    let added = await send(add, { v: known.variantId }, headers);
    if (added.body?.errors && headers === guest) added = await send(add, { v: known.variantId });
    if (added.body?.errors) throw new Error(`cannot refill a cart: ${added.text.slice(0, 300)}`);
    const token = (added.body?.data as { addToCart?: { sessionToken?: string } } | undefined)?.addToCart?.sessionToken;
    if (headers === guest && token) guest['x-cart-session'] = token;
  }
}

// ---- hostile values -------------------------------------------------------------------------------------------

/** Every string leaf gets these; leaves whose name says decimal, id or date also get their kind's malformations. */
const STRINGS: unknown[] = [
  '\u0000', 'ab\u0000cd', '\ud800', 'x\udc00y', 'x'.repeat(10_000), '', ' ', 'a\u0001b\n\u001b[31mc\u202e',
  "'; DROP TABLE products; --", '%_\\', '1,000.00', 'not-a-uuid', 12, ['a'], { a: 1 },
];
const DECIMALS: unknown[] = ['１２', '1e3', 'NaN', 'Infinity', '-0', '-1.00', '99999999999.99', '0.001', ' 1', '1.'];
const UUIDS: unknown[] = ['-'.repeat(36), '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ'];
const DATES: unknown[] = ['2026-02-30', '99999-01-01', '0000-01-01', '-271821-04-20T00:00:00.000Z', 'yesterday', '2026-11-30T25:00:00Z'];
const DECIMAL_NAME = /amount|price|subtotal|^value$|weight|length|width|height|min|max/i;
const DATE_NAME = /date|from$|to$|at$|birth/i;
const IDS: unknown[] = ['\u0000', '\ud800', '', 'not-a-uuid', ...UUIDS, 'x'.repeat(10_000), 12, -1];
const INTS: unknown[] = [-1, 0, -2_147_483_648, 2_147_483_647, 2 ** 31, 1e308, -1e308, 1.5, '1', null];
const FLOATS: unknown[] = [1e308, -1e308, -1, 0, 5e-324, '1'];
const BOOLEANS: unknown[] = ['true', 2, null];
const BIG = ['y'.repeat(200_000), 'z'.repeat(1_048_576)];
/**
 * How hard a caller hits a field: the least privileged caller that may use it (guest, customer, service, staff, in
 * that order) sends every value, the 0.2 MB and 1 MB strings too ('big'); every other caller a sample of each kind.
 * The guard does not depend on who asks; a service's paths may, and each field is walked in full by its likeliest
 * attacker, as deep as that caller gets.
 */
type Level = 'sample' | 'big';
const SAMPLE = new Set<unknown>(['\u0000', '\ud800', 'x'.repeat(10_000), '', '1,000.00', '１２', 'not-a-uuid', '-'.repeat(36), '2026-02-30', -1, 2 ** 31, 1e308, 'NOT_A_VALUE', 'true']);

function hostileValues(leaf: GraphQLNamedType, name: string, level: Level): unknown[] {
  const all = (): unknown[] => {
    if (isEnumType(leaf)) return ['NOT_A_VALUE', '', leaf.getValues()[0]?.name.toLowerCase(), '\u0000', 7];
    switch (leaf.name) {
      case 'Int': return INTS;
      case 'Float': return FLOATS;
      case 'Boolean': return BOOLEANS;
      case 'ID': return IDS;
      default: return [
        ...STRINGS, ...(DECIMAL_NAME.test(name) ? DECIMALS : []), ...(/id$/i.test(name) ? UUIDS : []), ...(DATE_NAME.test(name) ? DATES : []),
        ...(name === 'after' ? known.cursors : []), ...(level === 'big' ? BIG : []),
      ];
    }
  };
  return level === 'big' ? all() : all().filter((v) => SAMPLE.has(v) || v === known.cursors[0]);
}

// ---- valid values -------------------------------------------------------------------------------------------

let serial = 0;
const unique = () => `${Date.now().toString(36)}${(serial++).toString(36)}`;

function validId(name: string, field: string): string {
  const f = field.toLowerCase();
  if (/variant/i.test(name)) return known.variantId;
  if (/^(relatedProductId|productId)$/.test(name)) return known.productId;
  if (/categoryId|parentId/.test(name)) return known.categoryId;
  if (name === 'orderId') return known.orderId;
  if (name === 'paymentId') return known.paymentId;
  if (name === 'customerId') return known.customerId;
  if (/suspend|reactivate/.test(f)) return known.victimId;
  if (name === 'id' && f.includes('variant')) return known.variantId;
  if (name === 'id') {
    if (f.includes('product') || f.includes('archive')) return known.productId;
    if (f.includes('payment') || /capture|void/.test(f)) return known.paymentId;
    if (f.includes('order')) return known.orderId;
    if (f.includes('categor')) return known.categoryId;
    if (f.includes('customer')) return known.customerId;
  }
  return randomUUID();
}

function validString(name: string): unknown {
  const n = name.toLowerCase();
  if (n === 'email') return `walk-${unique()}@example.com`;
  if (n === 'password') return 'correct horse battery staple';
  if (n === 'expectedsubtotal') return '25.00';
  if (/amount|price|subtotal|^value$/.test(n)) return '10.00';
  if (/weight|length|width|height/.test(n)) return '1.5';
  if (n === 'countrycode') return 'US';
  if (n === 'currency') return 'USD';
  if (n === 'slug' || n === 'categoryslug' || n === 'brandslug') return known.slug;
  if (n === 'sku') return `WALK-${unique()}`;
  if (n === 'idempotencykey') return `walk-${unique()}-key`;
  if (n === 'number') return known.orderNumber;
  if (n === 'cvc') return '123';
  if (n === 'postalcode') return '62701';
  if (/date|from$|to$|at$/.test(n)) return '2030-01-01';
  if (n === 'language') return 'en';
  if (/url/.test(n)) return 'https://example.com/walk.png';
  if (n === 'phone') return '+15551234567';
  if (n === 'code') return `WALK${unique().toUpperCase()}`;
  if (n === 'sessionid') return guest['x-cart-session'] ?? 'no-session';
  if (n === 'reason') return 'hostile walk';
  return `Walk ${unique()}`;
}

/** Optional input fields worth filling so a request gets past "exactly one of" rules to the deep end. */
const FILL_OPTIONAL = new Set(['card', 'email']);

function valid(type: GraphQLInputType, name: string, field: string): unknown {
  if (isNonNullType(type)) return valid(type.ofType, name, field);
  if (isListType(type)) return [valid(type.ofType as GraphQLInputType, name, field)];
  if (isInputObjectType(type)) {
    const object: Record<string, unknown> = {};
    for (const f of Object.values(type.getFields())) {
      if ((isNonNullType(f.type) && f.defaultValue === undefined) || FILL_OPTIONAL.has(f.name)) object[f.name] = valid(f.type, f.name, field);
    }
    if (type.name === 'CardInput' || type.name === 'CheckoutCardInput') Object.assign(object, CARD);
    return object;
  }
  if (isEnumType(type)) return type.getValues()[0].name;
  switch (type.name) {
    case 'Int': return /month/i.test(name) ? 12 : /year/i.test(name) ? 2035 : /rating/i.test(name) ? 5 : 1;
    case 'Float': return 1;
    case 'Boolean': return false;
    case 'ID': return validId(name, field);
    default: return validString(name);
  }
}

/** The same value with `hostile` put at `path` (argument, then input fields and list items). */
function withHostile(type: GraphQLInputType, name: string, field: string, path: (string | number)[], hostile: unknown): unknown {
  if (path.length === 0) return hostile;
  if (isNonNullType(type)) return withHostile(type.ofType, name, field, path, hostile);
  if (isListType(type)) return [withHostile(type.ofType as GraphQLInputType, name, field, path.slice(1), hostile)];
  if (!isInputObjectType(type)) return hostile;
  const object = valid(type, name, field) as Record<string, unknown>;
  const key = path[0] as string;
  object[key] = withHostile(type.getFields()[key].type, key, field, path.slice(1), hostile);
  return object;
}

// ---- the walk -----------------------------------------------------------------------------------------------

interface Leaf {
  path: (string | number)[];
  type: GraphQLInputType;
}

/** Every hostile spot in an argument: each scalar or enum leaf, and each list and input object as a whole. */
function leavesOf(type: GraphQLInputType, path: (string | number)[], depth = 0): Leaf[] {
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) return [{ path, type }, ...leavesOf(inner.ofType as GraphQLInputType, [...path, 0], depth + 1)];
  if (isInputObjectType(inner) && depth < 6) {
    return [{ path, type }, ...Object.values(inner.getFields()).flatMap((f) => leavesOf(f.type, [...path, f.name], depth + 1))];
  }
  return [{ path, type }];
}

interface Probe {
  label: string;
  operation: 'query' | 'mutation';
  query: string;
  variables: Record<string, unknown>;
}

/**
 * A field's probes: one per (argument leaf, hostile value), every other argument valid. `around` wraps the
 * field's selection when it sits below a root query field (`product(slug: "…") { reviews(…) { … } }`).
 */
function probesOf(operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>, level: Level, around: (inner: string) => string = (s) => s): Probe[] {
  const probes: Probe[] = [];
  const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
  const declare = (args: readonly GraphQLArgument[]) => (args.length ? `(${args.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ')})` : '');
  const call = (args: readonly GraphQLArgument[]) => (args.length ? `(${args.map((a, i) => `${a.name}: $a${i}`).join(', ')})` : '');
  const text = `${operation}${declare(field.args)} { ${around(`${field.name}${call(field.args)}${selection}`)} }`;
  for (const [target, arg] of field.args.entries()) {
    for (const leaf of leavesOf(arg.type, [])) {
      const leafType = getNamedType(leaf.type);
      const name = String(leaf.path.filter((p) => typeof p === 'string').at(-1) ?? arg.name);
      const isWhole = isListType(isNonNullType(leaf.type) ? leaf.type.ofType : leaf.type) || isInputObjectType(leafType);
      const values = isWhole ? [null, [], {}, 'x'] : hostileValues(leafType, name, level);
      for (const hostile of values) {
        const variables: Record<string, unknown> = {};
        field.args.forEach((a, i) => {
          if (i === target) variables[`a${i}`] = withHostile(a.type, a.name, field.name, leaf.path, hostile);
          else if (isNonNullType(a.type) && a.defaultValue === undefined) variables[`a${i}`] = valid(a.type, a.name, field.name);
        });
        probes.push({ label: `${field.name}(${[arg.name, ...leaf.path].join('.')}) = ${preview(hostile)}`, operation, query: text, variables });
      }
    }
  }
  return probes;
}

const preview = (v: unknown) => {
  const s = JSON.stringify(v) ?? String(v);
  return s.length > 40 ? `${s.slice(0, 30)}…(${s.length} chars)` : s;
};

/** Fields with arguments one level below a root query field, and below `edges { node }` of a connection. */
function nestedProbes(schema: GraphQLSchema, levelOf: (root: string) => Level): Probe[] {
  const probes: Probe[] = [];
  const query = schema.getQueryType() as GraphQLObjectType;
  for (const root of Object.values(query.getFields())) {
    if (root.name.startsWith('_')) continue;
    const rootArgs = root.args.filter((a) => isNonNullType(a.type) || ['slug', 'number'].includes(a.name));
    if (root.name === 'product' || root.name === 'category') rootArgs.splice(0, rootArgs.length, ...root.args.filter((a) => a.name === 'id'));
    const literal = (a: GraphQLArgument) => `${a.name}: ${JSON.stringify(root.name === 'category' ? known.categoryId : valid(a.type, a.name, root.name)).replace(/"([a-zA-Z]\w*)":/g, '$1:')}`;
    const head = `${root.name}${rootArgs.length ? `(${rootArgs.map(literal).join(', ')})` : ''}`;
    const type = getNamedType(root.type);
    if (!isObjectType(type)) continue;
    const levels: [GraphQLObjectType, (s: string) => string][] = [[type, (s) => `${head} { ${s} }`]];
    const edges = type.getFields().edges;
    const node = edges && isObjectType(getNamedType(edges.type)) ? (getNamedType(edges.type) as GraphQLObjectType).getFields().node : undefined;
    if (node && isObjectType(getNamedType(node.type))) levels.push([getNamedType(node.type) as GraphQLObjectType, (s) => `${head} { edges { node { ${s} } } }`]);
    for (const [parent, around] of levels) {
      for (const child of Object.values(parent.getFields())) if (child.args.length) probes.push(...probesOf('query', child, levelOf(root.name), around));
    }
  }
  return probes;
}

interface Finding {
  role: string;
  label: string;
  why: string;
}

const tally = { requests: 0, status5xx: 0, internalErrors: 0, leaks: 0, writesOnRefusal: 0, acceptedWrites: 0, refused: 0, answered: 0 };
const findings: Finding[] = [];
const costs = new Map<string, { requests: number; ms: number }>();
const acceptedWrites: string[] = [];

function judge(role: string, probe: Probe, answer: Answer): string | null {
  tally.requests += 1;
  const codes = (answer.body?.errors ?? []).map((e) => e.extensions?.code ?? 'NO_CODE');
  const problems: string[] = [];
  if (answer.status >= 500) {
    tally.status5xx += 1;
    problems.push(`HTTP ${answer.status}`);
  }
  if (codes.some((c) => c === 'INTERNAL_SERVER_ERROR' || c === 'NO_CODE')) {
    tally.internalErrors += 1;
    problems.push(`codes ${codes.join(',')}`);
  }
  if (!answer.body) problems.push('not JSON');
  const leak = LEAKS.exec(answer.text);
  if (leak) {
    tally.leaks += 1;
    problems.push(`leaks "${leak[0]}"`);
  }
  if (codes.length) tally.refused += 1;
  else tally.answered += 1;
  if (problems.length) {
    const message = answer.body?.errors?.[0]?.message?.slice(0, 160) ?? answer.text.slice(0, 160);
    findings.push({ role, label: probe.label, why: `${problems.join('; ')} — ${message}` });
  }
  return codes[0] ?? null;
}

type RootFields = [operation: 'query' | 'mutation', field: GraphQLField<unknown, unknown>][];

/**
 * The walk's baseline: each root field with every argument valid, as this caller. Its answer says whether the
 * caller may use the field at all (else authorization answers first and a sample of hostile values will do), and
 * a mutation that writes shows its hostile variants, which must not, were tried where a write was possible.
 */
async function baseline(fields: RootFields, headers: Record<string, string>): Promise<Map<string, { code: string; wrote: boolean; message?: string }>> {
  const result = new Map<string, { code: string; wrote: boolean; message?: string }>();
  for (const [operation, field] of fields) {
    const selection = isLeafType(getNamedType(field.type)) ? '' : ' { __typename }';
    const declare = field.args.length ? `(${field.args.map((a, i) => `$a${i}: ${String(a.type)}`).join(', ')})` : '';
    const call = field.args.length ? `(${field.args.map((a, i) => `${a.name}: $a${i}`).join(', ')})` : '';
    const variables = Object.fromEntries(field.args.map((a, i) => [`a${i}`, valid(a.type, a.name, field.name)]));
    const start = operation === 'mutation' ? await writes() : undefined;
    const answer = await send(`${operation}${declare} { ${field.name}${call}${selection} }`, variables, headers);
    const wrote = start !== undefined && changed(start, await writes()).length > 0;
    result.set(field.name, { code: codeOf(answer), wrote, message: answer.body?.errors?.[0]?.message });
  }
  return result;
}

/** Runs probes a few at a time; for mutations, any committed change is traced to the request that made it. */
async function run(role: string, headers: Record<string, string>, probes: Probe[]): Promise<void> {
  const byField = new Map<string, Probe[]>();
  for (const probe of probes) byField.set(probe.label.split('(')[0] + probe.query, [...(byField.get(probe.label.split('(')[0] + probe.query) ?? []), probe]);
  for (const batch of byField.values()) {
    const started = Date.now();
    const mutation = batch[0].operation === 'mutation';
    const before = mutation ? await writes() : undefined;
    const codes: (string | null)[] = [];
    for (let i = 0; i < batch.length; i += CONCURRENCY) {
      const slice = batch.slice(i, i + CONCURRENCY);
      const answers = await Promise.all(slice.map((p) => send(p.query, p.variables, headers)));
      answers.forEach((answer, j) => codes.push(judge(role, slice[j], answer)));
    }
    const field = `${role} ${batch[0].label.split('(')[0]}`;
    costs.set(field, { requests: (costs.get(field)?.requests ?? 0) + batch.length, ms: (costs.get(field)?.ms ?? 0) + Date.now() - started });
    if (!mutation || changed(before!, await writes()).length === 0) continue;
    // Something was written: replay the batch one request at a time to see which request wrote what.
    for (const probe of batch) {
      const start = await writes();
      const code = (await send(probe.query, probe.variables, headers)).body?.errors?.[0]?.extensions?.code ?? null;
      const tables = changed(start, await writes());
      if (tables.length === 0) continue;
      if (code === null) {
        tally.acceptedWrites += 1;
        acceptedWrites.push(`${role} ${probe.label} → ${tables.join(', ')}`);
      } else if (REFUSALS.has(code)) {
        tally.writesOnRefusal += 1;
        findings.push({ role, label: probe.label, why: `refused with ${code} but wrote ${tables.join(', ')}` });
      }
    }
  }
}

const codeOf = (a: Answer) => a.body?.errors?.[0]?.extensions?.code ?? (a.body?.errors ? 'NO_CODE' : 'ok');
const fieldsOf = (a: Answer) => (a.body?.errors?.[0]?.extensions as { fields?: { field: string }[] } | undefined)?.fields?.map((f) => f.field);

describe('what a client sees for the inputs that used to break the shop', () => {
  it('refuses a NUL or a lone surrogate in any string argument as BAD_USER_INPUT naming the argument', async () => {
    const bySlug = await send('query($s: String) { product(slug: $s) { id } }', { s: 'ab\u0000cd' });
    expect([bySlug.status, codeOf(bySlug), fieldsOf(bySlug)]).toEqual([400, 'BAD_USER_INPUT', ['slug']]);
    const address = { ...ADDRESS, city: 'Spring\ud800field' };
    const checkout = await send('mutation($input: CheckoutInput!) { checkout(input: $input) { id } }', {
      input: { idempotencyKey: `walk-${randomUUID()}`, expectedSubtotal: '25.00', shippingAddress: address, card: CARD },
    }, customer);
    expect([codeOf(checkout), fieldsOf(checkout)]).toEqual(['BAD_USER_INPUT', ['input.shippingAddress.city']]);
  });

  it('refuses control characters in names and addresses, and keeps them where text may have lines', async () => {
    const named = await send('mutation($input: UpdateProfileInput!) { updateProfile(expectedVersion: 1, input: $input) { id } }', {
      input: { firstName: 'Ada\u001b[31m' },
    }, customer);
    expect([codeOf(named), fieldsOf(named)]).toEqual(['BAD_USER_INPUT', ['input.firstName']]);
    const review = await send('mutation($input: WriteReviewInput!) { writeReview(input: $input) { id } }', {
      input: { productId: known.productId, rating: 5, title: 'Fits', content: 'First line.\nSecond line.' },
    }, customer);
    expect(codeOf(review)).toBe('ok');
  });

  it('reads decimals strictly: separators, fullwidth digits, blanks and exponents are BAD_USER_INPUT', async () => {
    for (const priceMin of ['1,000.00', '１２', '', ' 1', '1e3', 'NaN', '-0', '0.001', '123456789.00']) {
      const answer = await send('query($f: ProductFilter) { products(filter: $f) { totalCount } }', { f: { priceMin } });
      expect([priceMin, codeOf(answer)]).toEqual([priceMin, 'BAD_USER_INPUT']);
    }
  });

  it('refuses a cursor of another sort order or filter, and pages on with its own', async () => {
    const query = 'query($sort: ProductSort, $after: String) { products(sort: $sort, first: 1, after: $after) { edges { node { id } } pageInfo { endCursor } } }';
    const byPrice = await send(query, { sort: 'PRICE_ASC' });
    const cursor = (byPrice.body?.data as { products: { pageInfo: { endCursor: string } } }).products.pageInfo.endCursor;
    const foreign = await send(query, { after: cursor });
    expect([codeOf(foreign), fieldsOf(foreign)]).toEqual(['BAD_USER_INPUT', ['after']]);
    const filtered = await send('query($after: String) { products(filter: { priceMin: "1.00" }, sort: PRICE_ASC, after: $after) { totalCount } }', { after: cursor });
    expect(codeOf(filtered)).toBe('BAD_USER_INPUT');
    expect(codeOf(await send(query, { sort: 'PRICE_ASC', after: cursor }))).toBe('ok');
  });
});

describe('hostile inputs through the gateway', () => {
  it('never answer 5xx or INTERNAL_SERVER_ERROR, never leak internals, and a refused request writes nothing', async () => {
    const introspection = await ok(getIntrospectionQuery());
    const schema = buildClientSchema(introspection as never);
    const fields: RootFields = [];
    for (const [operation, type] of [['query', schema.getQueryType()], ['mutation', schema.getMutationType()]] as const) {
      for (const field of Object.values(type?.getFields() ?? {})) if (!field.name.startsWith('_')) fields.push([operation, field]);
    }
    const only = process.env.HOSTILE_WALK_FIELDS?.split(',');
    const walked = only ? fields.filter(([, f]) => only.includes(f.name)) : fields;
    const roles: [string, Record<string, string>][] = [
      ['guest', guest],
      ['customer', customer],
      ['service', issuer.as(randomUUID(), ['service'])],
      ['admin', admin],
    ];
    const bases = new Map<string, Awaited<ReturnType<typeof baseline>>>();
    for (const [role, headers] of roles) bases.set(role, await baseline(walked, headers));
    await refillCarts(); // a valid checkout in the baseline bought them
    const walker = new Map<string, string>();
    for (const [role] of roles) {
      for (const [field, answer] of bases.get(role) ?? []) if (!walker.has(field) && !['UNAUTHENTICATED', 'FORBIDDEN'].includes(answer.code)) walker.set(field, role);
    }
    const levelOf = (role: string) => (field: string): Level => ((walker.get(field) ?? 'admin') === role ? 'big' : 'sample');
    for (const [role, headers] of roles) {
      const level = levelOf(role);
      const probes = walked.flatMap(([operation, field]) => probesOf(operation, field, level(field.name)));
      probes.push(...nestedProbes(schema, level).filter((p) => !only || only.some((name) => p.query.includes(` ${name}`))));
      await run(role, headers, probes);
    }
    const mutations = walked.filter(([operation]) => operation === 'mutation').map(([, f]) => f.name);
    const base = {
      wrote: mutations.filter((name) => roles.some(([role]) => bases.get(role)?.get(name)?.wrote)),
      refused: mutations.filter((name) => !roles.some(([role]) => bases.get(role)?.get(name)?.wrote))
        .map((name) => `${name} (${roles.map(([role]) => `${role}: ${bases.get(role)?.get(name)?.code}`).join(', ')}${
          roles.map(([role]) => bases.get(role)?.get(name)).find((b) => b?.code === 'BAD_USER_INPUT')?.message?.slice(0, 120) ?? ''})`),
    };

    const report = [
      `hostile-input walk: ${tally.requests} requests (${tally.refused} refused, ${tally.answered} answered), ` +
        `${tally.status5xx} HTTP 5xx, ${tally.internalErrors} INTERNAL_SERVER_ERROR, ${tally.leaks} leaking internals, ` +
        `${tally.writesOnRefusal} refused-but-wrote, ${tally.acceptedWrites} hostile values accepted and written`,
      `valid baseline: ${base.wrote.length} mutations wrote for some caller (${base.wrote.join(', ')}); ${base.refused.length} did not:`,
      ...base.refused.map((r) => `  ${r}`),
      'slowest fields:', ...[...costs].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([f, c]) => `  ${f}: ${c.requests} requests, ${c.ms} ms`),
      ...findings.slice(0, 300).map((f) => `  ${f.role} ${f.label}: ${f.why}`),
      ...(acceptedWrites.length ? ['accepted and written (valid input, for review):', ...acceptedWrites.slice(0, 40).map((w) => `  ${w}`)] : []),
    ].join('\n');
    console.log(report);
    if (!only) expect(tally.requests).toBeGreaterThan(5_000);
    expect(findings.map((f) => `${f.role} ${f.label}: ${f.why}`)).toEqual([]);
  }, 900_000);
});
