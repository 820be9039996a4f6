/**
 * Wrapping one method of a port, for the HTTP adapter's views of the ports
 * (noting the caller on the request, bounding a user's work in flight).
 *
 * @module
 */

/** The object with one method replaced, every other member reached on the original. */
export function wrapping<T extends object, K extends keyof T>(target: T, name: K, method: T[K]): T {
  return new Proxy(target, {
    get(object, property) {
      if (property === name) return method;
      const value = Reflect.get(object, property, object);
      return typeof value === "function" ? value.bind(object) : value;
    },
  });
}
