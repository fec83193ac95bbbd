import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliDatabase, cliInProcess, type CliDatabase } from '../../world/cli';

/** DESIGN.md §6/§8 on the command line: lists, company lists and do-not-call lists, pause and resume. */
let dir: string;
let database: CliDatabase;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'dialdesk-cli-lifecycle-'));
  database = await cliDatabase(dir);
});
afterAll(async () => {
  await database?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const cli = cliInProcess(
  () => dir,
  () => database.args,
);

const one = (sql: string): Promise<unknown> => database.read((q) => q.value(sql));

const file = (name: string, lines: string[]) => {
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
};

describe('lists, do-not-call scopes and pauses from the command line', () => {
  it('imports into named lists of the site or a company, and shows a company its lists', async () => {
    for (const slug of ['acme', 'globex']) expect((await cli('company', 'create', '--slug', slug, '--name', slug)).code).toBe(0);
    const spring = file('spring.csv', ['+12125550100', '+12125550101', '+12125550102']);
    expect(await cli('numbers', 'import', spring, '--list', 'Spring')).toMatchObject({
      code: 0,
      json: { report: { added: 3, list: { name: 'Spring', owner: 'site', created: true } } },
    });
    const own = file('own.csv', ['+12125550200', '+12125550100']);
    expect(await cli('numbers', 'import', own, '--company', 'globex')).toMatchObject({
      code: 0,
      json: { report: { added: 1, known: 1, list: { name: 'own.csv', owner: 'company' } } },
    });
    const acme = await cli('numbers', 'lists', '--company', 'acme');
    expect(acme.json.lists.map((l: { name: string; size: number }) => [l.name, l.size])).toEqual([['Spring', 3]]);
    const globex = await cli('numbers', 'lists', '--company', 'globex');
    expect(globex.json.lists.map((l: { name: string; size: number }) => [l.name, l.size])).toEqual([
      ['own.csv', 2],
      ['Spring', 3],
    ]);
    // a company list named like a site list is refused: exit 2, nothing written
    const before = await one('select count(*) from number_lists');
    expect(await cli('numbers', 'import', own, '--company', 'acme', '--list', 'Spring')).toMatchObject({
      code: 2,
      json: { error: { code: 'BAD_INPUT' } },
    });
    expect(await one('select count(*) from number_lists')).toBe(before);
    expect((await cli('numbers', 'lists')).code).toBe(2);
  });

  it("a company's do-not-call list leaves the pool alone; the site's marks numbers complained", async () => {
    const list = file('dnc.txt', ['+12125550101']);
    expect(await cli('numbers', 'dnc', list, '--company', 'acme')).toMatchObject({
      code: 0,
      json: { report: { scope: 'company', added: 1, marked: 0 } },
    });
    expect(await one("select global_status from numbers where phone = '+12125550101'")).toBe('active');
    expect(await cli('numbers', 'dnc', list)).toMatchObject({ code: 0, json: { report: { scope: 'site', added: 1, marked: 1 } } });
    expect(await one("select global_status from numbers where phone = '+12125550101'")).toBe('complained');
  });

  it('pauses and resumes a company or the whole site, with a reason; bad input exits 2 and writes nothing', async () => {
    expect(await cli('pause', '--company', 'acme', '--reason', 'list review')).toMatchObject({
      code: 0,
      json: { pause: { scope: 'company', reason: 'list review', pausedBy: 'cli' } },
    });
    expect(await cli('pause', '--site', '--reason', 'trunk maintenance')).toMatchObject({ code: 0, json: { pause: { scope: 'site' } } });
    expect(await one('select count(*) from dialing_pauses')).toBe(2);
    for (const bad of [
      ['pause', '--company', 'acme'],
      ['pause', '--company', 'acme', '--reason', '  '],
      ['pause', '--reason', 'why'],
      ['pause', '--site', '--company', 'acme', '--reason', 'why'],
      ['resume'],
    ]) {
      expect((await cli(...bad)).code, bad.join(' ')).toBe(2);
    }
    expect(await cli('resume', '--company', 'acme')).toMatchObject({ code: 0, json: { resumed: true } });
    expect(await cli('resume', '--company', 'acme')).toMatchObject({ code: 0, json: { resumed: false } });
    expect(await cli('resume', '--site')).toMatchObject({ code: 0, json: { resumed: true } });
    expect(await one('select count(*) from dialing_pauses')).toBe(0);
  });
});
