/** A PostgreSQL URL, told apart from a file path without loading the driver. */
export const isPostgresUrl = (location: string): boolean => /^postgres(ql)?:\/\//i.test(location);

/** The URL as it may be shown and logged: without its password. */
export const safeUrl = (url: string): string => url.replace(/\/\/([^:@/]*)(:[^@/]*)?@/, (_, user: string) => `//${user ? `${user}@` : ''}`);
