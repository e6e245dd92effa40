import path from 'node:path';

/** gateway/dist (or gateway/src under jest) → repository root. */
export const repoRoot = path.resolve(__dirname, '..', '..');
