import { useQuery } from '@shop/web-kit';
import { graphql } from '../gql';

const Choices = graphql(`
  query CatalogChoices {
    categories {
      id name slug
      children { id name slug children { id name slug } }
    }
    brands { id name slug isActive }
  }
`);

interface Node { id: string; name: string; slug: string; children?: Node[] }

/** Categories flattened in tree order ("Parent › Child") and brands, for pickers. */
export function useCatalogChoices() {
  const { data, loading, error } = useQuery(Choices);
  const categories: Array<{ id: string; slug: string; label: string }> = [];
  const walk = (nodes: Node[], path: string[]) => {
    for (const n of nodes) {
      categories.push({ id: n.id, slug: n.slug, label: [...path, n.name].join(' › ') });
      walk(n.children ?? [], [...path, n.name]);
    }
  };
  walk((data?.categories as Node[] | undefined) ?? [], []);
  return { categories, brands: data?.brands ?? [], loading, error };
}
