import type { Role } from '@duto/model';

/** What a route needs: `public` (no login) or at least one role. */
export type Access = 'public' | Role;
