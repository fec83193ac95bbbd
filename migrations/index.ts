import type { Migration } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_dialer_engine';
import * as m0003 from './0003_reporting';
import * as m0004 from './0004_call_log_status_index';
import * as m0005 from './0005_rollup_blocks';
import * as m0006 from './0006_sign_in_attempts';
import * as m0007 from './0007_company_country';
import * as m0008 from './0008_number_lists';
import * as m0009 from './0009_recycling';
import * as m0010 from './0010_callbacks';
import * as m0011 from './0011_callee_zones';
import * as m0012 from './0012_dialing_pauses';
import * as m0013 from './0013_dnc_scopes';
import * as m0014 from './0014_user_companies';
import * as m0015 from './0015_inbound_settings';
import * as m0016 from './0016_withheld_callers';
import * as m0017 from './0017_inbound_calls';

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
  '0008_number_lists': m0008,
  '0009_recycling': m0009,
  '0010_callbacks': m0010,
  '0011_callee_zones': m0011,
  '0012_dialing_pauses': m0012,
  '0013_dnc_scopes': m0013,
  '0014_user_companies': m0014,
  '0015_inbound_settings': m0015,
  '0016_withheld_callers': m0016,
  '0017_inbound_calls': m0017,
};
