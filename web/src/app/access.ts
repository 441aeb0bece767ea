/** What each role may do in the console: a mirror of the server's policy, used to show or hide controls. */
import type { Role } from '../api/types';

export const ALL_ROLES: readonly Role[] = ['admin', 'customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank', 'enterprise'];
export const REGULATORS: readonly Role[] = ['customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank'];

const ACTIONS = {
  'filing.decide': ['customs', 'commerce'],
  'filing.create': ['customs', 'commerce', 'admin'],
  'filing.read': ['admin', ...REGULATORS],
  'reference.write': ['admin', 'customs'],
  'users.manage': ['admin'],
  'apikey.manage_any': ['admin'],
  'audit.read': ['admin'],
  'bonded.read': ['admin', 'customs', 'enterprise'],
  'bonded.book.create': ['admin', 'customs', 'enterprise'],
  'bonded.book.status': ['customs'],
  'bonded.item.write': ['admin', 'customs', 'enterprise'],
  'bonded.entry.post': ['admin', 'enterprise'],
  'undertaking.file': ['admin', 'enterprise'],
  'undertaking.decide': ['customs'],
  'undertaking.revoke': ['customs', 'enterprise'],
  'overseas.file': ['enterprise'],
  'overseas.decide': ['customs', 'commerce'],
  'overseas.booking.file': ['enterprise'],
  'export.read': ['admin', ...REGULATORS, 'enterprise'],
  'export.summary.apply': ['enterprise'],
  'export.entry.file': ['enterprise'],
  'export.entry.decide': ['customs'],
  'export.return.file': ['enterprise'],
} as const satisfies Record<string, readonly Role[]>;

export type UiAction = keyof typeof ACTIONS;

export function can(role: Role | undefined, action: UiAction): boolean {
  return !!role && (ACTIONS[action] as readonly Role[]).includes(role);
}
