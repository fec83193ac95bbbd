import type { Db } from '../db/connection';
import type { SecretBox } from './secret-box';
import { SECRET } from './names';

/**
 * Earlier versions kept the site's model key in site_settings, in the database in clear. It moves into
 * the box once, at the first start of this version, and leaves the database (and so its backups and
 * copies from then on).
 */
export async function adoptPlaintextSecrets(db: Db, box: SecretBox): Promise<void> {
  const legacy = await db.value<string>("select value from site_settings where key = 'inbound_llm_api_key'");
  if (legacy === undefined) return;
  // the box is a file: written before the row goes, outside any transaction
  if (legacy && !box.status(SECRET.siteLlmKey).set) box.set(SECRET.siteLlmKey, legacy);
  await db.run("delete from site_settings where key = 'inbound_llm_api_key'");
}
