/**
 * Loading on first use: a module that only some requests or settings need
 * (the OpenAPI generator, the PHP parser, a password hasher) is imported when
 * it is first asked for, not at start, so that a process that never needs it
 * never holds it in memory.
 *
 * @module
 */

/**
 * A function that runs `load` on its first call and answers the same
 * promise to every later call; a failed load is tried again on the next call.
 */
export function onFirstUse<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | undefined;
  return () => {
    loaded ??= load().catch((error) => {
      loaded = undefined;
      throw error;
    });
    return loaded;
  };
}
