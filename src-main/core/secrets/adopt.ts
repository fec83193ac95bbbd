import { prepare, type Db } from '../db/connection';
import type { SecretBox } from './secret-box';
import { SECRET } from './names';

/**
 * Earlier versions kept the site's model key in site_settings, in the database in clear. It moves into
 * the box once, at the first start of this version, and leaves the database (and so its backups and
 * copies from then on).
 */
export function adoptPlaintextSecrets(db: Db, box: SecretBox): void {
  const legacy = prepare(db.sqlite, "select value from site_settings where key = 'inbound_llm_api_key'").pluck().get() as
    string | undefined;
  if (legacy === undefined) return;
  if (legacy && !box.status(SECRET.siteLlmKey).set) box.set(SECRET.siteLlmKey, legacy);
  prepare(db.sqlite, "delete from site_settings where key = 'inbound_llm_api_key'").run();
}
