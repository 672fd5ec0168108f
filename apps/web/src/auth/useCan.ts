import { can, type Action } from './permissions';
import { useSessionStore } from './session-store';

/** Whether the logged-in user may do `action`: the one place components ask about roles. */
export function useCan(action: Action): boolean {
  return useSessionStore((s) => can(s.session.state === 'signed-in' ? s.session.me.role : undefined, action));
}
