import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { phoneAt, Rng } from './random';

export interface ImportFile {
  path: string;
  rows: number;
  /** the file's valid phones in E.164, in order (the bare baseline inserts these); empty unless kept */
  e164: string[];
  expected: { fresh: number; known: number; invalid: number };
}

/**
 * A supplier's CSV of `rows` numbers: mostly new ones (phone indexes from `firstNew` up), most of
 * those written in national format (0912...) and the rest as +98..., about 8% already in the pool, a few repeated within the file and a
 * few that are not phone numbers. Deterministic for its arguments.
 */
export async function writeImportCsv(
  path: string,
  rows: number,
  poolSize: number,
  firstNew: number,
  seed: number,
  /** keep the phones in memory (the bare baseline needs them; a million strings otherwise only weigh on the collector) */
  keepPhones = true,
): Promise<ImportFile> {
  const rng = new Rng(seed);
  const out = createWriteStream(path);
  const e164: string[] = [];
  const expected = { fresh: 0, known: 0, invalid: 0 };
  let nextNew = firstNew;
  let chunk = 'phone,name\n';
  for (let i = 0; i < rows; i++) {
    const u = rng.next();
    let phone: string;
    let written: string;
    if (u < 0.001) {
      written = rng.next() < 0.5 ? `12${rng.int(1000)}` : 'n/a';
      expected.invalid++;
      phone = '';
    } else if (u < 0.08) {
      phone = phoneAt(rng.int(poolSize));
      written = phone;
      expected.known++;
    } else if (u < 0.085 && nextNew > firstNew) {
      phone = phoneAt(firstNew + rng.int(nextNew - firstNew)); // repeated within the file
      written = phone;
      expected.known++;
    } else {
      phone = phoneAt(nextNew++);
      written = u < 0.6 ? `0${phone.slice(3)}` : phone; // most in national format, as Iranian lists are
      expected.fresh++;
    }
    if (phone && keepPhones) e164.push(phone);
    chunk += `${written},Customer ${i}\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  out.write(chunk);
  out.end();
  await once(out, 'finish');
  return { path, rows, e164, expected };
}
