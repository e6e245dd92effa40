import { assertNoCycle, ancestorsOf, descendantIds } from '../src/domain/category';
import { assertCompareAtNotBelowPrice, assertVersion, parsePrice, slugify } from '../src/domain/product';
import { assertRating } from '../src/domain/review';

const code = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return (error as { extensions?: { code?: string } }).extensions?.code;
  }
  return 'no error';
};

describe('product rules', () => {
  it('parses prices as two-place decimals and refuses negatives, floats in other forms and overflow', () => {
    expect(parsePrice('price', '19.9').toFixed(2)).toBe('19.90');
    expect(parsePrice('price', '0').toFixed(2)).toBe('0.00');
    for (const bad of ['-0.01', '1e3', '1.234', 'NaN', '', '100000000']) expect(code(() => parsePrice('price', bad))).toBe('BAD_USER_INPUT');
  });

  it('refuses a compare-at price below the price but accepts an equal one', () => {
    expect(code(() => assertCompareAtNotBelowPrice(parsePrice('p', '10'), parsePrice('c', '9.99')))).toBe('BAD_USER_INPUT');
    expect(code(() => assertCompareAtNotBelowPrice(parsePrice('p', '10'), parsePrice('c', '10')))).toBe('no error');
  });

  it('answers CONFLICT when the version read is not the current one', () => {
    expect(code(() => assertVersion('Product', 3n, 2))).toBe('CONFLICT');
    expect(code(() => assertVersion('Product', 3n, 3))).toBe('no error');
  });

  it('slugifies names into lowercase hyphenated words', () => {
    expect(slugify('  Crème Brûlée — Deluxe 2000! ')).toBe('creme-brulee-deluxe-2000');
  });

  it('accepts ratings 1..5 only', () => {
    expect([0, 1, 5, 6, 2.5].map((r) => code(() => assertRating(r)))).toEqual(['BAD_USER_INPUT', 'no error', 'no error', 'BAD_USER_INPUT', 'BAD_USER_INPUT']);
  });
});

describe('category tree rules', () => {
  const tree = [
    { id: 'a', parentId: null },
    { id: 'b', parentId: 'a' },
    { id: 'c', parentId: 'b' },
    { id: 'd', parentId: 'a' },
  ];
  const byId = new Map(tree.map((c) => [c.id, c]));

  it('walks ancestors from the root down', () => {
    expect(ancestorsOf('c', byId).map((c) => c.id)).toEqual(['a', 'b', 'c']);
  });

  it('refuses a move under itself or a descendant, and allows any other', () => {
    expect(code(() => assertNoCycle('a', 'c', byId))).toBe('BAD_USER_INPUT');
    expect(code(() => assertNoCycle('b', 'b', byId))).toBe('BAD_USER_INPUT');
    expect(code(() => assertNoCycle('c', 'd', byId))).toBe('no error');
    expect(code(() => assertNoCycle('c', null, byId))).toBe('no error');
  });

  it('collects a subtree', () => {
    expect(descendantIds('a', tree).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(descendantIds('b', tree).sort()).toEqual(['b', 'c']);
  });
});
