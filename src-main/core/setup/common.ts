/** The audit action of an edit: switching a row on or off is worth its own word in the log. */
export function editAction(wasActive: number, isActive: boolean | undefined): 'activate' | 'deactivate' | 'update' {
  if (isActive === false && wasActive === 1) return 'deactivate';
  if (isActive === true && wasActive === 0) return 'activate';
  return 'update';
}

/** Drops the keys whose value is undefined, so "nothing to change" is an empty object. */
export function definedOnly<T extends Record<string, unknown>>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
