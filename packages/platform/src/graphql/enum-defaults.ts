import { getNamedType, isEnumType, isInputObjectType, isListType, isNonNullType, isObjectType, type GraphQLEnumType, type GraphQLInputType, type GraphQLSchema } from 'graphql';

/**
 * SDL defaults of enum arguments and input fields (`sort: ProductSort = NEWEST`) are fixed when the schema is
 * built, as the GraphQL names; enum resolvers that map names to internal values (NEWEST → 'newest') come later
 * and leave them behind. Resolvers then received a name where they expect a value, and introspection failed
 * ("Enum … cannot represent value"). This maps every such default to its internal value, once, at start-up.
 */
export function enumDefaultsAsInternalValues(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__')) continue;
    if (isObjectType(type)) {
      for (const field of Object.values(type.getFields())) for (const arg of field.args) arg.defaultValue = internal(arg.type, arg.defaultValue);
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) field.defaultValue = internal(field.type, field.defaultValue);
    }
  }
  return schema;
}

function internal(type: GraphQLInputType, value: unknown): unknown {
  const named = getNamedType(type);
  if (value === undefined || value === null || !isEnumType(named)) return value;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner) && Array.isArray(value)) return value.map((v) => valueOf(named, v));
  return valueOf(named, value);
}

function valueOf(type: GraphQLEnumType, name: unknown): unknown {
  return typeof name === 'string' ? (type.getValue(name)?.value ?? name) : name;
}
