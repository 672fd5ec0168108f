import type { Role } from './security-api';

const RANK: Record<Role, number> = { viewer: 1, editor: 2, admin: 3 };

/** Every role, weakest first. */
export const ROLES = Object.keys(RANK) as Role[];

/** Whether `role` may do what `needed` may: admin ⊃ editor ⊃ viewer. */
export function roleAtLeast(role: Role, needed: Role): boolean {
  return RANK[role] >= RANK[needed];
}

/** The weaker of two roles: a token acts with its own role, but never above its owner's. */
export function lowerRole(a: Role, b: Role): Role {
  return RANK[a] <= RANK[b] ? a : b;
}
