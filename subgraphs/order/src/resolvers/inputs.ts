/** GraphQL input shapes → the service's input: enum values lower-cased, the item snapshot fields gathered into productData. */
type Input = Record<string, unknown>;

interface LineInput extends Input {
  imageUrl?: string | null;
  attributes?: { name: string; value: string }[] | null;
}

export function placeOrderFromGraphQL(input: Input): Input {
  const lines = Array.isArray(input.lines) ? (input.lines as LineInput[]) : input.lines;
  return {
    ...input,
    source: typeof input.source === 'string' ? input.source.toLowerCase() : input.source,
    lines: Array.isArray(lines)
      ? lines.map(({ imageUrl, attributes, ...line }) => ({
          ...line,
          productData: {
            ...(imageUrl ? { imageUrl } : {}),
            ...(attributes?.length ? { attributes: Object.fromEntries(attributes.map((a: { name: string; value: string }) => [a.name, a.value])) } : {}),
          },
        }))
      : lines,
  };
}

export function discountCodeFromGraphQL(input: Input): Input {
  return { ...input, kind: typeof input.kind === 'string' ? input.kind.toLowerCase() : input.kind };
}
