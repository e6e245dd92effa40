/**
 * Reads `read()` until `ok` accepts its value (polling every 20 ms) and returns that value; after `limitMs` it gives
 * up naming `what` and the last value seen. For effects that land after an answer (events, indexers, workers).
 */
export async function until<T>(read: () => Promise<T>, ok: (value: T) => boolean, what: string, limitMs = 20_000): Promise<T> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const value = await read();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}: last saw ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
