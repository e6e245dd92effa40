import { badUserInput } from '@shop/platform';

export interface CategoryNode {
  id: string;
  parentId: string | null;
}

/** Walks up from `id` to the root; stops on a cycle already in the data rather than looping forever. */
export function ancestorsOf<T extends CategoryNode>(id: string, byId: Map<string, T>): T[] {
  const chain: T[] = [];
  const seen = new Set<string>();
  let current = byId.get(id);
  while (current && !seen.has(current.id)) {
    seen.add(current.id);
    chain.unshift(current);
    current = current.parentId ? byId.get(current.parentId) : undefined;
  }
  return chain;
}

/** A category cannot move under itself or any of its descendants. */
export function assertNoCycle(categoryId: string, newParentId: string | null, byId: Map<string, CategoryNode>): void {
  if (!newParentId) return;
  if (ancestorsOf(newParentId, byId).some((c) => c.id === categoryId)) {
    throw badUserInput('A category cannot be placed under itself or one of its own subcategories.', [
      { field: 'parentId', message: 'would create a cycle' },
    ]);
  }
}

/** Every category in the subtree rooted at `rootId`, the root included. */
export function descendantIds(rootId: string, all: CategoryNode[]): string[] {
  const children = new Map<string, string[]>();
  for (const c of all) {
    if (!c.parentId) continue;
    const list = children.get(c.parentId) ?? [];
    list.push(c.id);
    children.set(c.parentId, list);
  }
  const result: string[] = [];
  const stack = [rootId];
  const seen = new Set<string>();
  while (stack.length) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    result.push(id);
    stack.push(...(children.get(id) ?? []));
  }
  return result;
}
