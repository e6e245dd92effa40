import globals from 'globals';
import base from '../../eslint.config.mjs';

export default [
  ...base,
  { ignores: ['src/gql/**'] },
  { files: ['src/**/*.{ts,tsx}'], languageOptions: { globals: globals.browser } },
];
