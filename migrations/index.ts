import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';

/**
 * Every migration, in order, bundled into the app: nothing reads a folder at run time.
 * Names sort by their number; a landed migration is never edited, only followed.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
};
