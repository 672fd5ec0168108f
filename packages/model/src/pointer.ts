/** JSON Pointer (RFC 6901) helpers: every issue Duto reports names its place this way. */

export function escapeToken(token: string | number): string {
  return String(token).replace(/~/g, '~0').replace(/\//g, '~1');
}

export function pointer(...tokens: Array<string | number>): string {
  return tokens.map((t) => '/' + escapeToken(t)).join('');
}

export function joinPointer(base: string, relative: string): string {
  if (relative === '' || relative === '/') return base;
  return base + (relative.startsWith('/') ? relative : '/' + relative);
}

export function parsePointer(ptr: string): string[] {
  if (ptr === '') return [];
  return ptr
    .slice(1)
    .split('/')
    .map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** Reads the value at a pointer; `*` as a token maps over every element of an array. */
export function readPointer(value: unknown, ptr: string): unknown[] {
  let current: unknown[] = [value];
  for (const token of parsePointer(ptr)) {
    const next: unknown[] = [];
    for (const item of current) {
      if (token === '*' && Array.isArray(item)) next.push(...item);
      else if (item !== null && typeof item === 'object' && Object.hasOwn(item, token)) {
        next.push((item as Record<string, unknown>)[token]);
      }
    }
    current = next;
  }
  return current;
}
