import type { CodegenConfig } from '@graphql-codegen/cli';

// Typed operations from the schema clients see through the gateway (`npm run compose` writes it).
const config: CodegenConfig = {
  schema: '../../api-schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: true,
  generates: {
    './src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      // Operations as strings with their types attached: the web kit's client sends their text.
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, scalars: { ID: 'string' } },
    },
  },
};

export default config;
