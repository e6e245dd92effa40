import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  getNamedType, getNullableType, getVariableValues, GraphQLError, isCompositeType, isListType, Kind, valueFromASTUntyped,
  type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLCompositeType, type GraphQLField, type GraphQLSchema,
  type OperationDefinitionNode, type SelectionSetNode, type ValidationContext, type ValidationRule,
} from 'graphql';

/**
 * How big one operation may be. Every service (the gateway and each subgraph, which can be reached directly)
 * refuses an operation over any of these before it executes it, with QUERY_TOO_COMPLEX.
 */
export interface QueryLimits {
  /** Nesting of fields (fragments do not count as a level). */
  maxDepth: number;
  /** Aliased fields in the operation (`__typename` aliases are free). */
  maxAliases: number;
  /** Top-level fields of the operation, aliases counted one by one. */
  maxRootFields: number;
  /** Lexical tokens of the document; the parser stops at this count. */
  maxTokens: number;
  /** Directives used in the operation. */
  maxDirectives: number;
  /** Estimated cost: objects cost 1 (mutation fields 10), scalars 0, and a list multiplies what is under it by its size. */
  maxCost: number;
  /** The size the cost estimate assumes for a list that has neither a `first` argument nor a declared `@listSize`. */
  defaultListSize: number;
}

/**
 * Measured against the ~290 queries the shop's storefront, tests, smoke run and benchmarks send (the largest:
 * depth 8, 1 alias, 2 root fields, 132 tokens; cost 1,110 as sent, and 7,374 for a staff page of 100 orders with
 * items, discounts and history), with room to spare. The 16-level crossSells chain costs ~10^16 and goes at depth.
 */
export const DEFAULT_QUERY_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxRootFields: 20,
  maxTokens: 2_000,
  maxDirectives: 50,
  maxCost: 10_000,
  defaultListSize: 10,
};

export type QueryMeasure = 'depth' | 'aliases' | 'rootFields' | 'tokens' | 'directives' | 'cost';

/** An operation over one of the limits: a client mistake (HTTP 400), never an internal error. */
export class QueryTooComplexError extends GraphQLError {
  constructor(readonly measure: QueryMeasure, readonly limit: number, readonly measured: number, message: string) {
    super(message, { extensions: { code: 'QUERY_TOO_COMPLEX', measure, limit, measured, http: { status: 400 } } });
  }
}

const MESSAGES: Record<QueryMeasure, (limit: number, measured: number) => string> = {
  depth: (l, m) => `The query is nested ${m} levels deep; at most ${l} are allowed.`,
  aliases: (l, m) => `The query uses ${m} aliases; at most ${l} are allowed.`,
  rootFields: (l, m) => `The query asks for ${m} top-level fields; at most ${l} are allowed.`,
  tokens: (l) => `The query has more than ${l} tokens; shorten it.`,
  directives: (l, m) => `The query uses ${m} directives; at most ${l} are allowed.`,
  cost: (l, m) => `The query would cost about ${m} (lists multiply what they contain); at most ${l} is allowed. Ask for fewer items (first) or fewer nested lists.`,
};

export function queryTooComplex(measure: QueryMeasure, limit: number, measured: number): QueryTooComplexError {
  return new QueryTooComplexError(measure, limit, measured, MESSAGES[measure](limit, measured));
}

// graphql-js 16 words it "more that N tokens".
const TOKEN_LIMIT = /^Syntax Error: Document contains more tha[nt] (\d+) tokens/;

/**
 * The QUERY_TOO_COMPLEX error behind an error Apollo wrapped (as GRAPHQL_VALIDATION_FAILED or, for graphql-js's
 * own token limit, GRAPHQL_PARSE_FAILED), or undefined. formatError answers with it instead.
 */
export function queryLimitErrorOf(error: unknown): QueryTooComplexError | undefined {
  let e: unknown = error;
  for (let hops = 0; hops < 5 && e instanceof Error; hops++, e = (e as GraphQLError).originalError) {
    if (e instanceof QueryTooComplexError) return e;
    const tokens = TOKEN_LIMIT.exec(e.message);
    // graphql-js stops parsing at the limit, so the document has at least one token more.
    if (tokens) return queryTooComplex('tokens', Number(tokens[1]), Number(tokens[1]) + 1);
  }
  return undefined;
}

/** Type.field → its declared `@listSize` (federation 2.9 / the cost spec), read from subgraph or supergraph SDL. */
export type ListSizes = Map<string, ListSize>;
export interface ListSize {
  assumedSize?: number;
  slicingArguments?: string[];
  sizedFields?: string[];
}
/** Type.field → its declared `@cost(weight:)`. */
export type FieldCosts = Map<string, number>;

/** The `@listSize` and `@cost` annotations of an SDL document, whatever name its `@link` imported them under. */
export function costAnnotationsOf(sdl: DocumentNode): { listSizes: ListSizes; costs: FieldCosts } {
  const listSizes: ListSizes = new Map();
  const costs: FieldCosts = new Map();
  for (const definition of sdl.definitions) {
    if (!('fields' in definition) || !definition.fields || !('name' in definition) || !definition.name) continue;
    if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION
      && definition.kind !== Kind.INTERFACE_TYPE_DEFINITION && definition.kind !== Kind.INTERFACE_TYPE_EXTENSION) continue;
    for (const field of definition.fields) {
      const key = `${definition.name.value}.${field.name.value}`;
      for (const directive of field.directives ?? []) {
        const name = directive.name.value.replace(/^(federation|cost)__/, '');
        const args = Object.fromEntries((directive.arguments ?? []).map((a) => [a.name.value, valueFromASTUntyped(a.value)]));
        if (name === 'listSize') {
          listSizes.set(key, {
            assumedSize: typeof args.assumedSize === 'number' ? args.assumedSize : undefined,
            slicingArguments: Array.isArray(args.slicingArguments) ? (args.slicingArguments as string[]) : undefined,
            sizedFields: Array.isArray(args.sizedFields) ? (args.sizedFields as string[]) : undefined,
          });
        } else if (name === 'cost' && typeof args.weight === 'number') {
          costs.set(key, args.weight);
        }
      }
    }
  }
  return { listSizes, costs };
}

/** Where there is no `@listSize`, these arguments size a list (and a connection's `edges`/`nodes`). */
const CONVENTIONAL_SLICING = ['first', 'last'];
const CONVENTIONAL_SIZED = ['edges', 'nodes'];
const MUTATION_FIELD_COST = 10;

interface CostInput {
  schema: GraphQLSchema;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  variables: Record<string, unknown>;
  listSizes: ListSizes;
  costs: FieldCosts;
  defaultListSize: number;
}

/**
 * The estimated cost of an operation in the spirit of the GraphQL cost spec (IBM) that Apollo's demand control
 * follows: an object costs 1, a scalar 0, a mutation's top-level field 10, a declared `@cost` its weight, and a
 * list multiplies its own cost and everything under it by its size. The size is the largest slicing argument
 * (`first`/`last` or the field's `@listSize(slicingArguments:)`, variables included, else the argument's default),
 * else `@listSize(assumedSize:)`, else the length of a list argument (`_entities(representations:)`, `ids:`),
 * else `defaultListSize`. A connection field sizes its `edges`/`nodes` (or `@listSize(sizedFields:)`) the same way.
 * Introspection is free.
 */
export function estimateCost(input: CostInput): number {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of input.document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const root = input.schema.getRootType(input.operation.operation);
  if (!root) return 0;
  const memo = new Map<string, number>();

  const argumentValue = (node: FieldNode, name: string, field: GraphQLField<unknown, unknown>): unknown => {
    const given = node.arguments?.find((a) => a.name.value === name);
    if (given) return valueFromASTUntyped(given.value, input.variables);
    return field.args.find((a) => a.name === name)?.defaultValue;
  };

  const sizeOf = (node: FieldNode, field: GraphQLField<unknown, unknown>, declared: ListSize | undefined): number | undefined => {
    const slicing = declared?.slicingArguments ?? CONVENTIONAL_SLICING;
    const sliced = slicing.map((name) => argumentValue(node, name, field)).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (sliced.length) return Math.max(0, ...sliced);
    if (declared?.assumedSize !== undefined) return declared.assumedSize;
    for (const arg of node.arguments ?? []) {
      const value = valueFromASTUntyped(arg.value, input.variables);
      if (Array.isArray(value)) return value.length;
    }
    return undefined;
  };

  const selectionCost = (set: SelectionSetNode, parent: GraphQLCompositeType, sized: { fields: string[]; size: number } | undefined, seen: Set<string>): number => {
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        total += fieldCost(selection, parent, sized);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition ? input.schema.getType(selection.typeCondition.name.value) : parent;
        if (type && isCompositeType(type)) total += selectionCost(selection.selectionSet, type, sized, seen);
      } else {
        const name = selection.name.value;
        const fragment = fragments.get(name);
        const type = fragment && input.schema.getType(fragment.typeCondition.name.value);
        if (!fragment || !type || !isCompositeType(type) || seen.has(name)) continue;
        const key = `${name}|${sized ? `${sized.fields.join(',')}:${sized.size}` : ''}`;
        let cost = memo.get(key);
        if (cost === undefined) {
          cost = selectionCost(fragment.selectionSet, type, sized, new Set(seen).add(name));
          memo.set(key, cost);
        }
        total += cost;
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, sized: { fields: string[]; size: number } | undefined): number => {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const field = 'getFields' in parent ? parent.getFields()[name] : undefined;
    if (!field) return 0;
    const key = `${parent.name}.${name}`;
    const named = getNamedType(field.type);
    const composite = isCompositeType(named);
    const own = input.costs.get(key) ?? (parent === root && input.operation.operation === 'mutation' ? MUTATION_FIELD_COST : composite ? 1 : 0);
    const declared = input.listSizes.get(key);
    const size = sizeOf(node, field, declared);
    const isList = isListType(getNullableType(field.type));
    const childSized = !isList && size !== undefined ? { fields: declared?.sizedFields ?? CONVENTIONAL_SIZED, size } : undefined;
    const children = composite && node.selectionSet ? selectionCost(node.selectionSet, named, childSized, new Set()) : 0;
    if (!isList) return own + children;
    const listSize = sized?.fields.includes(name) ? sized.size : (size ?? input.defaultListSize);
    return listSize * (own + children);
  };

  return selectionCost(input.operation.selectionSet, root, undefined, new Set());
}

/** Top-level fields of an operation, through fragments; `__typename` is free. */
function rootFieldCount(operation: OperationDefinitionNode, context: ValidationContext): number {
  const count = (set: SelectionSetNode, seen: Set<string>): number =>
    set.selections.reduce((sum, s) => {
      if (s.kind === Kind.FIELD) return sum + (s.name.value === '__typename' ? 0 : 1);
      if (s.kind === Kind.INLINE_FRAGMENT) return sum + count(s.selectionSet, seen);
      const fragment = context.getFragment(s.name.value);
      if (!fragment || seen.has(s.name.value)) return sum;
      return sum + count(fragment.selectionSet, new Set(seen).add(s.name.value));
    }, 0);
  return count(operation.selectionSet, new Set());
}

function rootFieldsRule(limit: number): ValidationRule {
  return (context) => ({
    OperationDefinition(operation) {
      const measured = rootFieldCount(operation, context);
      if (measured > limit) context.reportError(queryTooComplex('rootFields', limit, measured));
    },
  });
}

/** Turns one of GraphQL Armor's rejections ("… limit of 12 exceeded, found 17.") into QUERY_TOO_COMPLEX. */
function armorRejection(measure: QueryMeasure, limit: number) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    const measured = Number(/found (\d+)/.exec(error.message)?.[1] ?? limit + 1);
    context?.reportError(queryTooComplex(measure, limit, measured));
  };
}

/** The operation's variables with their declared defaults; the raw values when they do not coerce (execution says why). */
function variablesOf(schema: GraphQLSchema, operation: OperationDefinitionNode, given: Record<string, unknown> | undefined): Record<string, unknown> {
  const { coerced } = getVariableValues(schema, operation.variableDefinitions ?? [], given ?? {}, { maxErrors: 1 });
  return coerced ?? given ?? {};
}

/**
 * An operation's cost depends on its document (Apollo keeps one parsed document per query text) and on its
 * variables only through numbers and list lengths (`first`, `_entities(representations:)`), so it is computed
 * once per document, operation and such a shape of the variables — not on every request of a storefront page.
 */
class CostMemo {
  private readonly byDocument = new WeakMap<DocumentNode, Map<string, number>>();

  of(document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined, estimate: () => number): number {
    let known = this.byDocument.get(document);
    if (!known) this.byDocument.set(document, (known = new Map()));
    const key = `${operationName ?? ''}:${JSON.stringify(variables ?? {}, (_name, value: unknown) => (Array.isArray(value) ? { length: value.length } : value))}`;
    let cost = known.get(key);
    if (cost === undefined) {
      cost = estimate();
      if (known.size > 1_000) known.clear();
      known.set(key, cost);
    }
    return cost;
  }
}

export interface QueryGuards {
  validationRules: ValidationRule[];
  parseOptions: { maxTokens: number };
  plugin: ApolloServerPlugin<BaseContext>;
}

/**
 * Everything a service hands its ApolloServer to enforce `limits`:
 * - depth, aliases and directives: GraphQL Armor's validation rules (fragments, cycles and introspection handled);
 * - tokens: graphql-js's own parser limit (`maxTokens`), which stops reading at the limit;
 * - root fields: a small validation rule (Armor has none);
 * - cost: `estimateCost` when the operation is resolved — it needs the variables (`first: $first`,
 *   `_entities(representations: $representations)`) and the schema's `@listSize`, which Armor's cost rule reads
 *   neither of (it counts literal `first` only and would let `crossSells { crossSells { … } }` through).
 * All of it runs before execution: at the gateway, before any subgraph is asked.
 */
export function queryGuards(limits: QueryLimits, annotations: { listSizes: ListSizes; costs: FieldCosts }): QueryGuards {
  const armor = new ApolloArmor({
    maxDepth: { n: limits.maxDepth, flattenFragments: true, propagateOnRejection: false, onReject: [armorRejection('depth', limits.maxDepth)] },
    maxAliases: { n: limits.maxAliases, propagateOnRejection: false, onReject: [armorRejection('aliases', limits.maxAliases)] },
    maxDirectives: { n: limits.maxDirectives, propagateOnRejection: false, onReject: [armorRejection('directives', limits.maxDirectives)] },
    // Done below: tokens by graphql-js, cost with list sizes; suggestions by Apollo's hideSchemaDetailsFromClientErrors.
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  const costs = new CostMemo();
  return {
    validationRules: [...armor.validationRules, rootFieldsRule(limits.maxRootFields)],
    parseOptions: { maxTokens: limits.maxTokens },
    plugin: {
      async requestDidStart() {
        return {
          async didResolveOperation({ document, operation, request, schema }) {
            if (!operation) return;
            const cost = costs.of(document, operation.name?.value, request.variables, () => estimateCost({
              schema, document, operation, variables: variablesOf(schema, operation, request.variables), ...annotations, defaultListSize: limits.defaultListSize,
            }));
            if (cost > limits.maxCost) throw queryTooComplex('cost', limits.maxCost, Math.round(cost));
          },
        };
      },
    },
  };
}
