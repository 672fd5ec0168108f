import type { Edge } from '@duto/model';

/** One id per connection: stage ids cannot hold "→" or ":", so the id is unambiguous. */
export function edgeId(edge: Edge): string {
  return edge.lane === undefined ? `${edge.from}→${edge.to}` : `${edge.from}→${edge.to}:${edge.lane}`;
}

export function sameConnection(a: Edge, b: Edge): boolean {
  return a.from === b.from && a.to === b.to && a.lane === b.lane;
}
