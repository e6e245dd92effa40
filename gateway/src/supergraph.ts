import { Kind, parse, type ConstValueNode } from 'graphql';

/** Subgraph names and routing URLs as composed into a supergraph (its `join__Graph` enum). */
export function subgraphsIn(supergraphSdl: string): { name: string; url: string }[] {
  const graphs = parse(supergraphSdl).definitions.find(
    (d) => d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === 'join__Graph',
  );
  if (graphs?.kind !== Kind.ENUM_TYPE_DEFINITION) throw new Error('Not a supergraph: no join__Graph enum');
  return (graphs.values ?? []).map((value) => {
    const args = value.directives?.find((d) => d.name.value === 'join__graph')?.arguments ?? [];
    const arg = (name: string) => stringOf(args.find((a) => a.name.value === name)?.value);
    return { name: arg('name') ?? value.name.value, url: arg('url') ?? '' };
  });
}

/** The environment variable that overrides a subgraph's URL: catalog → CATALOG_URL. */
export function urlVariableFor(subgraph: string): string {
  return `${subgraph.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_URL`;
}

function stringOf(value: ConstValueNode | undefined): string | undefined {
  return value?.kind === Kind.STRING ? value.value : undefined;
}
