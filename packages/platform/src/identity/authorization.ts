import { defaultFieldResolver, isObjectType, type GraphQLSchema } from 'graphql';
import { forbidden, unauthenticated } from '../errors';
import { ROLES, type Role, type Viewer } from './viewer';

/**
 * The project's authorization directives, composed into the supergraph with @composeDirective so clients see
 * them. Federation's own @authenticated / @requiresScopes would do, but Apollo Gateway (unlike Apollo Router)
 * refuses to load a supergraph that links them, so every subgraph enforces these itself (`enforceAuthorization`).
 * Paste into a subgraph's schema.graphql:
 *
 *   extend schema
 *     @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])
 *     @link(url: "https://github.com/shop-supergraph/auth/v1.0", import: ["@signedIn", "@requiresRole"])
 *     @composeDirective(name: "@signedIn") @composeDirective(name: "@requiresRole")
 *   directive @signedIn on FIELD_DEFINITION | OBJECT
 *   directive @requiresRole(role: String!) on FIELD_DEFINITION | OBJECT
 */
interface Rule {
  signedIn: boolean;
  role?: Role;
}

type WithViewer = { viewer: Viewer };

/** Wraps every field that carries (or whose type carries) @signedIn / @requiresRole with the check. */
export function enforceAuthorization(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    const typeRule = ruleOf([type.astNode, ...type.extensionASTNodes]);
    for (const field of Object.values(type.getFields())) {
      const rule = ruleOf([field.astNode]) ?? typeRule;
      if (!rule) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: WithViewer, info) => {
        assertAllowed(rule, context.viewer);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

function assertAllowed(rule: Rule, viewer: Viewer): void {
  if (!viewer.customerId && viewer.roles.length === 0) throw unauthenticated(rule.role === 'admin' ? 'Sign in as staff to do this.' : 'Sign in to do this.');
  if (rule.role && !viewer.roles.includes(rule.role)) throw forbidden(rule.role === 'admin' ? 'Only shop staff can do this.' : undefined);
}

type Directed = { directives?: readonly { name: { value: string }; arguments?: readonly { name: { value: string }; value: unknown }[] }[] } | null | undefined;

function ruleOf(nodes: Directed[]): Rule | undefined {
  let rule: Rule | undefined;
  for (const directive of nodes.flatMap((node) => node?.directives ?? [])) {
    if (directive.name.value === 'signedIn') rule = { ...rule, signedIn: true };
    if (directive.name.value === 'requiresRole') {
      const value = directive.arguments?.find((a) => a.name.value === 'role')?.value as { value?: string } | undefined;
      const role = ROLES.find((r) => r === value?.value);
      if (!role) throw new Error(`@requiresRole(role: "${value?.value}") names no role; use one of ${ROLES.join(', ')}`);
      rule = { signedIn: true, role };
    }
  }
  return rule;
}
