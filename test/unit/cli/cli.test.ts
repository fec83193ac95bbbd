import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliProcess } from '../../world';
import { cliDatabase, type CliDatabase } from '../../world/cli';

/** the command line from its TypeScript sources (the compiled one is tested in test/unit/packaging) */
const BIN = cliProcess([]).args;
let dataDir: string;
let database: CliDatabase;

function cli(args: string[]): Promise<{ code: number; json: any; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...BIN, ...args, '--data-dir', dataDir, ...database.args, '--json'], (err, stdout, stderr) => {
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1); // --json prints exactly one JSON object
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, json: JSON.parse(lines[0]!), stderr });
    });
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-cli-'));
  database = await cliDatabase(dataDir);
});
afterAll(async () => {
  await database?.dispose();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dialdesk command line', () => {
  it('creates a company with an opening balance that is a real ledger top-up', async () => {
    const res = await cli([
      'company',
      'create',
      '--slug',
      'acme',
      '--name',
      'Acme',
      '--timezone',
      'Europe/Berlin',
      '--currency',
      'EUR',
      '--balance',
      '5000',
    ]);
    expect(res.code).toBe(0);
    expect(res.json.company).toMatchObject({ slug: 'acme', timezone: 'Europe/Berlin', currency: 'EUR', walletBalance: 5000 });
    expect(await database.read((q) => q.value('select sum(amount) from ledger_entries'))).toBe(5000);
  });

  it('exits 2 on bad input, with the error as JSON and nothing written', async () => {
    for (const args of [
      ['company', 'create', '--slug', 'Bad Slug', '--name', 'X'],
      ['company', 'create', '--slug', 'okslug', '--name', 'X', '--timezone', 'Nowhere/Land'],
      ['company', 'create', '--slug', 'okslug', '--name', 'X', '--balance', 'ten'],
      ['company', 'create', '--slug', 'okslug'],
      ['user', 'create', '--username', 'sam', '--role', 'emperor', '--password', 'password-1'],
    ]) {
      const res = await cli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.json.error.code).toBe('BAD_INPUT');
    }
    expect(await database.read((q) => q.value("select count(*) from companies where slug = 'okslug'"))).toBe(0);
  });

  it('exits 1 on a conflict', async () => {
    const res = await cli(['company', 'create', '--slug', 'acme', '--name', 'Again']);
    expect(res.code).toBe(1);
    expect(res.json.error.code).toBe('CONFLICT');
  });

  it('creates users, printing a generated password once', async () => {
    const res = await cli(['user', 'create', '--username', 'anna', '--role', 'supervisor', '--company', 'acme']);
    expect(res.code).toBe(0);
    expect(res.json.user).toMatchObject({ username: 'anna', role: 'supervisor' });
    expect(res.json.password).toMatch(/^[\w-]{16}$/);
    const noCompany = await cli(['user', 'create', '--username', 'bob', '--role', 'viewer', '--password', 'password-1']);
    expect(noCompany.code).toBe(2);
  });
});
