import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src-main/core/db/connection';
import { cliProcess } from '../../world';

/** the command line from its TypeScript sources (the compiled one is tested in test/unit/packaging) */
const BIN = cliProcess([]).args;
let dataDir: string;

function cli(args: string[]): Promise<{ code: number; json: any }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [...BIN, ...args, '--data-dir', dataDir, '--json'], (err, stdout) => {
      const lines = stdout.trim().split('\n');
      expect(lines).toHaveLength(1);
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, json: JSON.parse(lines[0]!) });
    });
  });
}

function rows(sql: string): unknown[] {
  const db = openDatabase({ file: join(dataDir, 'dialdesk.sqlite'), readonly: true });
  try {
    return db.sqlite.prepare(sql).all();
  } finally {
    db.sqlite.close();
  }
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'dialdesk-inbound-cli-'));
  expect((await cli(['company', 'create', '--slug', 'acme', '--name', 'Acme', '--timezone', 'Europe/Berlin'])).code).toBe(0);
});
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// every command is a fresh process through tsx: a few seconds each
describe('dialdesk inbound / ai-agent', { timeout: 120_000 }, () => {
  it('sets a DID up with a new agent in one command, then updates it without losing what was not given', async () => {
    const made = await cli([
      'inbound',
      'set',
      '--company',
      'acme',
      '--did',
      '+49 30 1234567',
      '--agent-name',
      'Mia',
      '--prompt',
      'You are Acme’s receptionist.',
      '--language',
      'de-DE',
      '--voice',
      'alloy',
      '--support',
      '030 9999999',
      '--region',
      'DE',
      '--department',
      'Sales=+49 30 1111111=new orders',
    ]);
    expect(made.code).toBe(0);
    expect(made.json.number).toMatchObject({
      phone: '+49301234567',
      supportNumber: '+49309999999',
      departments: [{ name: 'Sales', transferNumber: '+49301111111', description: 'new orders' }],
    });
    expect(made.json.agent).toMatchObject({ name: 'Mia', language: 'de-DE', voice: 'alloy' });

    const updated = await cli([
      'inbound',
      'set',
      '--company',
      'acme',
      '--did',
      '0049301234567',
      '--agent-name',
      'Mia',
      '--greeting',
      'Hallo!',
      '--no-support',
    ]);
    expect(updated.code).toBe(0);
    expect(updated.json.number).toMatchObject({ supportNumber: null, departments: [{ name: 'Sales' }], aiAgentId: made.json.agent.id });
    expect(updated.json.agent).toMatchObject({ greeting: 'Hallo!', systemPrompt: 'You are Acme’s receptionist.' });
    expect(rows('select count(*) as n from ai_agents')).toEqual([{ n: 1 }]);
  });

  it('exits 2 on bad input and writes nothing, not even the agent half', async () => {
    const before = rows(
      'select (select count(*) from ai_agents) as a, (select count(*) from inbound_numbers) as n, (select count(*) from audit_log) as l',
    );
    for (const args of [
      ['inbound', 'set', '--company', 'acme', '--did', 'nope'],
      ['inbound', 'set', '--company', 'acme', '--did', '+49301234568', '--agent-name', 'Ben', '--prompt', 'x', '--support', 'nope'],
      ['inbound', 'set', '--company', 'acme', '--did', '+49301234568', '--department', 'Sales'],
      ['inbound', 'set', '--company', 'acme', '--did', '+49301234568', '--agent-name', 'Nobody'],
      ['inbound', 'set', '--company', 'acme', '--did', '+49301234568', '--prompt', 'orphan'],
      ['ai-agent', 'create', '--company', 'acme', '--name', 'Ben', '--prompt', 'x', '--temperature', 'hot'],
      ['ai-agent', 'create', '--company', 'acme', '--name', 'Ben', '--prompt', 'x', '--language', 'German'],
    ]) {
      const res = await cli(args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.json.error.code).toBe('BAD_INPUT');
    }
    expect(
      rows(
        'select (select count(*) from ai_agents) as a, (select count(*) from inbound_numbers) as n, (select count(*) from audit_log) as l',
      ),
    ).toEqual(before);
  });

  it('previews what the telephony server receives, with the model key hidden', async () => {
    expect((await cli(['inbound', 'llm', '--api-key', 'sk-test-abcdefgh'])).json.llm).toMatchObject({
      apiKeySet: true,
      apiKeyHint: '…efgh',
    });
    const res = await cli(['inbound', 'preview', '--did', '+49301234567', '--at', '2026-03-08T11:00:00Z']);
    expect(res.code).toBe(0);
    expect(res.json.preview.lookup).toMatchObject({ did: '+49301234567', open: false, closed_reason: 'outside_schedule' });
    expect(JSON.stringify(res.json)).not.toContain('sk-test');
    expect((await cli(['inbound', 'preview', '--did', '+49309990000'])).code).toBe(1);
  });
});
