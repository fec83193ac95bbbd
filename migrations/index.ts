import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_dialer_engine';
import * as m0003 from './0003_reporting';
import * as m0004 from './0004_call_log_status_index';
import * as m0005 from './0005_rollup_blocks';
import * as m0006 from './0006_sign_in_attempts';
import * as m0007 from './0007_company_country';
import * as m0008 from './0008_inbound_settings';
import * as m0009 from './0009_withheld_callers';
import * as m0010 from './0010_inbound_calls';

/**
 * Every migration, in order, bundled into the app: nothing reads a folder at run time.
 * Names sort by their number; a landed migration is never edited, only followed.
 */
export const MIGRATIONS: Record<string, Migration> = {
  '0001_initial': m0001,
  '0002_dialer_engine': m0002,
  '0003_reporting': m0003,
  '0004_call_log_status_index': m0004,
  '0005_rollup_blocks': m0005,
  '0006_sign_in_attempts': m0006,
  '0007_company_country': m0007,
  '0008_inbound_settings': m0008,
  '0009_withheld_callers': m0009,
  '0010_inbound_calls': m0010,
};
