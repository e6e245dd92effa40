import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed operations from the schema clients see (api-schema.graphql, written by `npm run compose`): every operation
 * in src/operations becomes a typed document in src/gql (committed; `npm run codegen -w @shop/storefront` redoes it).
 * documentMode 'string': the documents are their text, so the bundle carries no GraphQL parser.
 */
const config: CodegenConfig = {
  schema: '../../api-schema.graphql',
  documents: ['src/operations/*.graphql'],
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: { documentMode: 'string', enumsAsTypes: true, useTypeImports: true, skipTypename: true },
    },
  },
};

export default config;
