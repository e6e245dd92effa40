import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, print, TypeInfo, validate, visit, visitWithTypeInfo, type DocumentNode, type GraphQLSchema } from 'graphql';
import { repoRoot } from '../db/paths';

/** A storefront query as the SPAs send it: ../shared/queries/<name> where present, else the committed copy in queries/. */
export function storefrontQueryFile(name: string): string {
  const candidates = [path.join(repoRoot(), '..', 'shared', 'queries', name), path.join(repoRoot(), 'queries', name)];
  const file = candidates.find((f) => existsSync(f));
  if (!file) throw new Error(`No ${name} at ${candidates.join(' or ')}`);
  return file;
}

/**
 * A storefront query as written, less the fields `schema` does not have (they belong to contexts not in that
 * graph); a field whose whole selection went goes too. Anything else that does not validate is an error, so
 * only missing fields are ever forgiven. `stripped` names them as `Type.field`.
 */
export function storefrontQuery(name: string, schema: GraphQLSchema): { document: DocumentNode; text: string; stripped: string[]; file: string } {
  const file = storefrontQueryFile(name);
  const stripped: string[] = [];
  const typeInfo = new TypeInfo(schema);
  const document = visit(
    parse(readFileSync(file, 'utf8')),
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          if (typeInfo.getFieldDef()) return undefined;
          stripped.push(`${typeInfo.getParentType()?.name}.${node.name.value}`);
          return null;
        },
        leave: (node) => (node.selectionSet?.selections.length === 0 ? null : undefined),
      },
    }),
  );
  const errors = validate(schema, document);
  if (errors.length) throw new Error(`${name} does not validate: ${errors.map((e) => e.message).join('; ')}`);
  return { document, text: print(document), stripped, file };
}
