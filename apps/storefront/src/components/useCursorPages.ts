import { useCallback, useEffect, useState } from 'react';

/** Cursor paging: the cursors of the pages seen so far, reset when `resetKey` (the filters) changes. */
export function useCursorPages(resetKey: string) {
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  useEffect(() => setCursors([null]), [resetKey]);
  const next = useCallback((endCursor: string | null | undefined) => {
    if (endCursor) setCursors((c) => [...c, endCursor]);
  }, []);
  const previous = useCallback(() => setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c)), []);
  return { after: cursors[cursors.length - 1], page: cursors.length, next, previous };
}
