/** One convention everywhere: epoch ms in the database, ISO 8601 (UTC) at the edges. */
export const toIso = (ms: number): string => new Date(ms).toISOString();
export const toIsoOrNull = (ms: number | null | undefined): string | null => (ms == null ? null : toIso(ms));

export type Clock = () => number;
export const systemClock: Clock = () => Date.now();
