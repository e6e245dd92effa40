import globals from 'globals';
import root from '../../eslint.config.mjs';

/** The root rules, for browser code in TypeScript and TSX. */
export default [
  ...root,
  { files: ['**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
];
