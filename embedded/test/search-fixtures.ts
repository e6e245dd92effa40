import type { SearchShop } from './search-harness';
import { seedCatalog } from './search-harness';

/** The fixed corpus both search test files build through the gateway. */
export const CORPUS = {
  categories: [{ name: 'Electronics' }, { name: 'Audio', parent: 'Electronics' }, { name: 'Clothing' }, { name: 'Shirts', parent: 'Clothing' }],
  brands: ['Sonic', 'Acme', 'Threadly'],
  products: [
    { name: 'Wireless Headphones', category: 'Audio', brand: 'Sonic', price: '99.00', stock: 5, attributes: [{ name: 'color', value: 'black' }],
      description: 'Over-ear headphones with noise cancelling.' },
    { name: 'Studio Headphones', category: 'Audio', brand: 'Acme', price: '149.00', compareAtPrice: '179.00', stock: 0,
      attributes: [{ name: 'color', value: 'white' }], description: 'Wired monitor headphones for mixing.' },
    { name: 'Wireless Mouse', category: 'Electronics', brand: 'Acme', price: '25.00', stock: 3, attributes: [{ name: 'color', value: 'black' }],
      description: 'A quiet mouse for your laptop.' },
    { name: 'Classic Cotton T-Shirt', category: 'Shirts', brand: 'Threadly', price: '19.99', stock: 10,
      attributes: [{ name: 'color', value: 'white' }, { name: 'size', value: 'M' }], description: 'Soft crew neck in organic cotton.' },
    { name: 'Trail Runner', category: 'Clothing', brand: 'Acme', price: '120.00', stock: 2, description: 'Lightweight shoe with a grippy sole.' },
    { name: 'Hiking Boot', category: 'Clothing', brand: 'Acme', price: '180.00', stock: 2, description: 'Sturdier than a trail runner, for rocky paths.' },
    { name: 'Secret Headphones', category: 'Audio', brand: 'Sonic', price: '10.00', stock: 5, status: 'DRAFT' as const },
  ],
};

export const ACTIVE_PRODUCTS = CORPUS.products.filter((p) => p.status !== 'DRAFT').length;

export const seedCorpus = (s: SearchShop) => seedCatalog(s, CORPUS);

export const SEARCH = `query($query: String, $filter: SearchFilter, $sort: SearchSort, $first: Int, $after: String) {
  search(query: $query, filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount didYouMean
    edges { cursor highlights { field snippets } node { id name priceRange { min { amount } } } }
    pageInfo { hasNextPage endCursor }
    facets {
      categories { id name count children { id name count children { id name count } } }
      brands { id name count }
      prices { min max count }
      ratings { min count }
      attributes { name values { value count } }
      inStock
    }
  }
}`;
