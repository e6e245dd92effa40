import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError, Kind, TypeInfo, getNamedType, isInputObjectType, isListType, isNonNullType, visit, visitWithTypeInfo,
  type DocumentNode, type GraphQLInputType, type GraphQLSchema, type ValueNode,
} from 'graphql';
import type { FieldProblem } from '../errors';

/**
 * One guard for every string a client sends, in the gateway and in every subgraph, before anything resolves:
 * every string argument (literal or variable, nested in input objects and lists, ID and custom scalars such as
 * federation's `_Any` included) is refused with BAD_USER_INPUT naming the argument path when it holds
 *  - a NUL character (PostgreSQL cannot store one: the query would fail with a driver error), or
 *  - an unpaired UTF-16 surrogate (not text; it cannot be encoded as UTF-8),
 * and, for one-line human text — names and addresses — any control character (line breaks, tabs, escapes,
 * bidirectional overrides), which only ever garble labels, invoices and e-mails.
 *
 * Which fields are names or addresses is decided by the schema's own naming, not by a list or a directive, so a
 * new field is covered the day it is added, in the gateway too (whose API schema carries no custom directives):
 * an argument or input field called `name` or `…Name` (firstName, displayName, holderName, productName…), and
 * every string field of an input type whose name contains `Address` (AddressInput, OrderAddressInput).
 */
export function inputGuard<C extends BaseContext>(options: { httpStatus?: number } = {}): ApolloServerPlugin<C> {
  // A subgraph answers 200 so the gateway passes the BAD_USER_INPUT on (it turns a subgraph's 4xx into a bare error).
  const status = options.httpStatus ?? 400;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request }) {
          const problems = findInputProblems(schema, document, request.variables ?? {});
          if (problems.length > 0) throw inputRefused(problems, status);
        },
      };
    },
  };
}

/** A refused argument: `field` is its path from the argument (`input.shippingAddress.city`), `of` the field or directive taking it. */
export interface InputProblem extends FieldProblem {
  of: string;
}

export function inputRefused(problems: InputProblem[], httpStatus = 400): GraphQLError {
  const shown = problems.slice(0, MAX_PROBLEMS);
  const summary = shown.map((p) => `${p.field} (${p.of}) ${p.message}`).join('; ');
  return new GraphQLError(`Invalid input: ${summary}.`, { extensions: { code: 'BAD_USER_INPUT', fields: shown, http: { status: httpStatus } } });
}

const MAX_PROBLEMS = 10;
/** Deeper than any input type of the shop; JSON nested further (inside `_Any`, say) is refused, not walked. */
const MAX_DEPTH = 32;
const LONE_SURROGATE = /\p{Cs}/u;
const NOT_ONE_LINE = /[\p{Cc}\u2028\u2029\u202A-\u202E\u2066-\u2069]/u;
const NAME = /^(name|.*[a-z]Name)$/;
const ADDRESS_TYPE = /Address/;

/** Why a string may not pass, or null when it may. */
export function stringProblem(value: string, oneLine: boolean): string | null {
  if (value.includes('\u0000')) return 'must not contain NUL characters';
  if (LONE_SURROGATE.test(value)) return 'must be valid Unicode text (it holds an unpaired surrogate)';
  if (oneLine && NOT_ONE_LINE.test(value)) return 'must be one line of text without control characters';
  return null;
}

/** Whether a field (argument or input field) holds one line of human text: a name or part of an address. */
export function isOneLineText(fieldName: string, inputTypeName?: string): boolean {
  return NAME.test(fieldName) || (inputTypeName !== undefined && ADDRESS_TYPE.test(inputTypeName));
}

/** Where a variable is used: the type and argument path at that place. */
interface VariableUse {
  variable: string;
  of: string;
  type: GraphQLInputType | undefined;
  path: string;
  oneLine: boolean;
}

interface DocumentSites {
  literalProblems: InputProblem[];
  uses: VariableUse[];
}

/** Parsed documents are cached by Apollo, so each is walked once; each request then checks only its variables. */
const sitesByDocument = new WeakMap<DocumentNode, WeakMap<GraphQLSchema, DocumentSites>>();

export function findInputProblems(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>): InputProblem[] {
  const sites = sitesOf(schema, document);
  const problems = [...sites.literalProblems];
  for (const use of sites.uses) {
    if (problems.length >= MAX_PROBLEMS) break;
    if (Object.hasOwn(variables, use.variable)) walkJson(variables[use.variable], use.type, use.path, use.oneLine, 0, (field, message) => problems.push({ field, message, of: use.of }));
  }
  return problems;
}

function sitesOf(schema: GraphQLSchema, document: DocumentNode): DocumentSites {
  let bySchema = sitesByDocument.get(document);
  if (!bySchema) sitesByDocument.set(document, (bySchema = new WeakMap()));
  let sites = bySchema.get(schema);
  if (!sites) bySchema.set(schema, (sites = collectSites(schema, document)));
  return sites;
}

function collectSites(schema: GraphQLSchema, document: DocumentNode): DocumentSites {
  const sites: DocumentSites = { literalProblems: [], uses: [] };
  const typeInfo = new TypeInfo(schema);
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      VariableDefinition(node) {
        const name = `$${node.variable.name.value}`;
        if (node.defaultValue) walkLiteral(node.defaultValue, typeInfo.getInputType() ?? undefined, name, false, 0, { of: name, sites });
      },
      Argument(node) {
        const argument = typeInfo.getArgument();
        const owner = typeInfo.getDirective()?.name ?? typeInfo.getFieldDef()?.name ?? '?';
        walkLiteral(node.value, argument?.type, node.name.value, isOneLineText(node.name.value), 0, { of: owner, sites });
        return false; // the value was walked above, with its path
      },
    }),
  );
  return sites;
}

function walkLiteral(node: ValueNode, type: GraphQLInputType | undefined, path: string, oneLine: boolean, depth: number, at: { of: string; sites: DocumentSites }): void {
  if (depth > MAX_DEPTH) return;
  switch (node.kind) {
    case Kind.VARIABLE:
      at.sites.uses.push({ variable: node.name.value, of: at.of, type, path, oneLine });
      return;
    case Kind.STRING: {
      const problem = stringProblem(node.value, oneLine);
      if (problem) at.sites.literalProblems.push({ field: path, message: problem, of: at.of });
      return;
    }
    case Kind.LIST: {
      const item = listItem(type);
      node.values.forEach((value, i) => walkLiteral(value, item, `${path}[${i}]`, oneLine, depth + 1, at));
      return;
    }
    case Kind.OBJECT: {
      const object = unwrap(type);
      const fields = isInputObjectType(object) ? object.getFields() : undefined;
      for (const field of node.fields) {
        const name = field.name.value;
        const line = isInputObjectType(object) ? isOneLineText(name, object.name) : oneLine;
        walkLiteral(field.value, fields?.[name]?.type, `${path}.${name}`, line, depth + 1, at);
      }
      return;
    }
    default:
  }
}

type Report = (field: string, message: string) => void;

function walkJson(value: unknown, type: GraphQLInputType | undefined, path: string, oneLine: boolean, depth: number, report: Report): void {
  if (typeof value === 'string') {
    const problem = stringProblem(value, oneLine);
    if (problem) report(path, problem);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  if (depth > MAX_DEPTH) {
    report(path, `is nested more than ${MAX_DEPTH} levels deep`);
    return;
  }
  if (Array.isArray(value)) {
    // A single value where a list is expected is coerced to a one-item list, so a non-list type walks on as is.
    const item = isListType(unwrap(type)) ? listItem(type) : type;
    value.forEach((v, i) => walkJson(v, item, `${path}[${i}]`, oneLine, depth + 1, report));
    return;
  }
  const object = unwrap(type);
  const fields = isInputObjectType(object) ? object.getFields() : undefined;
  for (const [name, v] of Object.entries(value)) {
    const keyProblem = stringProblem(name, false);
    if (keyProblem) report(path, `has a key that ${keyProblem}`);
    else walkJson(v, fields?.[name]?.type, `${path}.${name}`, isInputObjectType(object) ? isOneLineText(name, object.name) : oneLine, depth + 1, report);
  }
}

function unwrap(type: GraphQLInputType | undefined): GraphQLInputType | undefined {
  return type && isNonNullType(type) ? type.ofType : type;
}

function listItem(type: GraphQLInputType | undefined): GraphQLInputType | undefined {
  const inner = unwrap(type);
  return inner && isListType(inner) ? (inner.ofType as GraphQLInputType) : inner && getNamedType(inner);
}
