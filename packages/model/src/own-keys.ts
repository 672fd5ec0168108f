/**
 * Sets a key as an own property. A plain assignment of `__proto__` would change the
 * object's prototype instead (a document may carry that key: JSON.parse keeps it).
 */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}
