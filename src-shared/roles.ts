export const ROLES = ['superuser', 'admin', 'supervisor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Who may do what. Handlers name one of these; the UI uses the same lists to hide controls. */
export const CAN = {
  /** see a company's data */
  read: ['superuser', 'admin', 'supervisor', 'viewer'],
  /** run a company's dialing: scenarios, lines, agents, schedule, numbers, inbound setup */
  operate: ['superuser', 'admin', 'supervisor'],
  /** money and people of one company: wallet, billing, users, API keys */
  manage: ['superuser', 'admin'],
  /** the whole site: companies, site settings, backups, site-wide keys */
  site: ['superuser'],
} as const satisfies Record<string, readonly Role[]>;
export type Capability = keyof typeof CAN;

export function can(role: Role, capability: Capability): boolean {
  return (CAN[capability] as readonly Role[]).includes(role);
}
