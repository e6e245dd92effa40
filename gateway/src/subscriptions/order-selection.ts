import {
  Kind, OperationTypeNode, print, visit, type DocumentNode, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo, type SelectionNode,
  type SelectionSetNode, type VariableDefinitionNode,
} from 'graphql';

export interface OrderQuery {
  query: string;
  /** The variables that carry the order number and (guests) the access key. */
  numberVariable: string;
  accessKeyVariable: string;
  /** The subscriber's variables the selection uses. */
  variables: Record<string, unknown>;
}

type Plan = { query: string; numberVariable: string; accessKeyVariable: string; used: string[] };
const built = { signedIn: new WeakMap<FieldNode, Plan>(), guest: new WeakMap<FieldNode, Plan>() };

/**
 * The subscriber's selection under `OrderUpdate.order` as an ordinary query, `order(number:) { <selection> }`,
 * with the fragments and variables it uses: run through the gateway with the subscriber's token, it is resolved
 * and authorized exactly as their own query would be. `__typename` is asked everywhere so interfaces and unions
 * in the answer resolve. Built once per subscription.
 */
export function orderQueryFor(info: GraphQLResolveInfo, guest = false): OrderQuery {
  const cache = guest ? built.guest : built.signedIn;
  let plan = cache.get(info.fieldNodes[0]);
  if (!plan) {
    plan = buildPlan(info, guest);
    cache.set(info.fieldNodes[0], plan);
  }
  const variables: Record<string, unknown> = {};
  for (const name of plan.used) variables[name] = info.variableValues[name];
  return { query: plan.query, numberVariable: plan.numberVariable, accessKeyVariable: plan.accessKeyVariable, variables };
}

function buildPlan(info: GraphQLResolveInfo, guest: boolean): Plan {
  const selections: SelectionNode[] = info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []);
  const fragments = fragmentsUsed(selections, info.fragments);
  const used = new Set<string>();
  const collect = (node: unknown) =>
    visit(node as DocumentNode, { Variable: (v) => void used.add(v.name.value) });
  selections.forEach(collect);
  fragments.forEach(collect);
  const definitions: VariableDefinitionNode[] = (info.operation.variableDefinitions ?? []).filter((d) => used.has(d.variable.name.value));
  const unused = (wanted: string) => {
    let variable = wanted;
    while ((info.operation.variableDefinitions ?? []).some((d) => d.variable.name.value === variable)) variable += '_';
    return variable;
  };
  const numberVariable = unused('trackedOrderNumber');
  const accessKeyVariable = unused('trackedOrderAccessKey');
  const name = (value: string) => ({ kind: Kind.NAME, value }) as const;
  const stringVariable = (variable: string): VariableDefinitionNode => ({
    kind: Kind.VARIABLE_DEFINITION,
    variable: { kind: Kind.VARIABLE, name: name(variable) },
    type: { kind: Kind.NON_NULL_TYPE, type: { kind: Kind.NAMED_TYPE, name: name('String') } },
  });
  const argument = (arg: string, variable: string) => ({ kind: Kind.ARGUMENT, name: name(arg), value: { kind: Kind.VARIABLE, name: name(variable) } }) as const;
  const document: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [
      {
        kind: Kind.OPERATION_DEFINITION,
        operation: OperationTypeNode.QUERY,
        name: name('OrderUpdateSelection'),
        variableDefinitions: [...definitions, stringVariable(numberVariable), ...(guest ? [stringVariable(accessKeyVariable)] : [])],
        selectionSet: {
          kind: Kind.SELECTION_SET,
          selections: [
            {
              kind: Kind.FIELD,
              alias: name('order'),
              name: name(guest ? 'guestOrder' : 'order'),
              arguments: [argument('number', numberVariable), ...(guest ? [argument('accessKey', accessKeyVariable)] : [])],
              selectionSet: { kind: Kind.SELECTION_SET, selections },
            },
          ],
        },
      },
      ...fragments,
    ],
  };
  const withTypenames = visit(document, {
    SelectionSet: {
      leave: (set: SelectionSetNode) =>
        set.selections.some((s) => s.kind === Kind.FIELD && s.name.value === '__typename' && !s.alias)
          ? undefined
          : { ...set, selections: [...set.selections, { kind: Kind.FIELD, name: name('__typename') }] },
    },
  });
  return { query: print(withTypenames), numberVariable, accessKeyVariable, used: [...used] };
}

function fragmentsUsed(selections: readonly SelectionNode[], all: Record<string, FragmentDefinitionNode>): FragmentDefinitionNode[] {
  const found = new Map<string, FragmentDefinitionNode>();
  const walk = (node: unknown) =>
    visit(node as DocumentNode, {
      FragmentSpread: (spread) => {
        const name = spread.name.value;
        if (found.has(name) || !all[name]) return;
        found.set(name, all[name]);
        walk(all[name]);
      },
    });
  selections.forEach(walk);
  return [...found.values()];
}
