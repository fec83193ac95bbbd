import { can, type Capability } from '../../../src-shared/roles';
import { useSession } from '../state/session';

/** Whether the signed-in user may do `capability`: the UI hides what the handlers would refuse. */
export function useCan(capability: Capability): boolean {
  return useSession((s) => (s.user ? can(s.user.role, capability) : false));
}
