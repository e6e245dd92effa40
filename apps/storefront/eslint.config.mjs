import globals from 'globals';
import root from '../../eslint.config.mjs';

/** The root rules, for browser code in TypeScript and TSX (the generated operations are left as written). */
export default [
  { ignores: ['src/gql/**'] },
  ...root,
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: { ...globals.browser } } },
  { files: ['*.ts'], languageOptions: { globals: { ...globals.node } } },
];
