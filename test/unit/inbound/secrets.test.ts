import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCore } from '../../../src-main/core/core';
import { memoryDeskSettings } from '../../../src-main/core/settings/desk';
import { fileSecretBox, SECRETS_FILE } from '../../../src-main/core/secrets/secret-box';
import { keyFileCipher, SECRETS_KEY_FILE } from '../../../src-main/core/secrets/key-file';
import { buildCompanyFile } from '../../../src-main/core/transfer/export';
import { makeSeededCore, call, makeTestCore, ok, type TestCore, type World } from '../../world';

const LLM_KEY = 'sk-live-LLM-0123456789-wxyz';
const WEBHOOK_SECRET = 'whsec-JAMBONZ-0123456789-abcd';
const API_KEY = 'jbz-REST-0123456789-efgh';
const SECRETS = [LLM_KEY, WEBHOOK_SECRET, API_KEY];

let core: TestCore;
let w: World;
beforeEach(async () => {
  ({ core, world: w } = await makeSeededCore());
});
afterEach(async () => core.dispose());

/** every byte the database holds on disk: the file and its write-ahead log */
function databaseBytes(): string {
  core.db.sqlite.pragma('wal_checkpoint(PASSIVE)');
  const file = join(core.dataDir, 'dialdesk.sqlite');
  return [file, `${file}-wal`]
    .filter(existsSync)
    .map((f) => readFileSync(f).toString('latin1'))
    .join('');
}

const setAll = () =>
  call(core, w.users.admin, 'inbound.updateSettings', {
    companyId: w.companyA,
    llmVendor: 'openai',
    llmApiKey: LLM_KEY,
    webhookSecret: WEBHOOK_SECRET,
    jambonzApiUrl: 'https://jambonz.example.com/api',
    jambonzApiKey: API_KEY,
    aiCostPerMinute: 12,
  });

describe('secrets: sealed outside the database, never answered back', () => {
  it('the console sees "set" and the last four characters, never the value', async () => {
    const dto = ok(await setAll());
    expect(dto).toMatchObject({
      llmVendor: 'openai',
      llmApiKey: { set: true, hint: '…wxyz', readable: true },
      webhookSecret: { set: true, hint: '…abcd', readable: true },
      jambonzApiKey: { set: true, hint: '…efgh', readable: true },
      jambonzApiUrl: 'https://jambonz.example.com/api',
      aiCostPerMinute: 12,
    });
    const again = ok(await call(core, w.users.admin, 'inbound.settings', { companyId: w.companyA }));
    for (const secret of SECRETS) {
      expect(JSON.stringify(dto)).not.toContain(secret.slice(0, -4));
      expect(JSON.stringify(again)).not.toContain(secret.slice(0, -4));
    }
    expect(core.secrets.get(`company/${w.companyA}/llm-api-key`)).toBe(LLM_KEY);
  });

  it('are in no database byte, no audit entry and no company file', async () => {
    ok(await setAll());
    const bytes = databaseBytes();
    const audit = JSON.stringify(core.db.sqlite.prepare('select * from audit_log').all());
    const file = JSON.stringify(await buildCompanyFile(core.db, w.companyA, core.clock()));
    for (const secret of SECRETS) {
      expect(bytes).not.toContain(secret);
      expect(audit).not.toContain(secret);
      expect(file).not.toContain(secret);
    }
    expect(audit).toContain('set …wxyz');
  });

  it('the files holding them are readable by their owner only, and hold no secret in clear', async () => {
    ok(await setAll());
    for (const name of [SECRETS_FILE, SECRETS_KEY_FILE]) {
      expect(statSync(join(core.dataDir, name)).mode & 0o777, name).toBe(0o600);
    }
    const sealed = readFileSync(join(core.dataDir, SECRETS_FILE), 'utf8');
    for (const secret of SECRETS) expect(sealed).not.toContain(secret);
  });

  it('another key file cannot open them: set, but unreadable, never a wrong value', async () => {
    ok(await setAll());
    writeFileSync(join(core.dataDir, SECRETS_KEY_FILE), Buffer.alloc(32, 7).toString('base64'));
    const box = fileSecretBox(core.dataDir, [keyFileCipher(core.dataDir)], 'test');
    expect(box.status(`company/${w.companyA}/llm-api-key`)).toEqual({ set: true, hint: '…wxyz', readable: false });
    expect(box.get(`company/${w.companyA}/llm-api-key`)).toBeNull();
  });

  it('a key an earlier version kept in the database moves into the box at start, and leaves the database', async () => {
    core.db.sqlite.prepare("insert into site_settings (key, value) values ('inbound_llm_api_key', ?)").run(LLM_KEY);
    await core.close();
    const dataDir = core.dataDir;
    const reopened = await createCore({ dataDir, desk: memoryDeskSettings() });
    try {
      expect(reopened.secrets.get('site/llm-api-key')).toBe(LLM_KEY);
      expect(reopened.db.sqlite.prepare("select count(*) from site_settings where key = 'inbound_llm_api_key'").pluck().get()).toBe(0);
    } finally {
      await reopened.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    core = await makeTestCore(); // afterEach disposes a live core
  });

  it('only admins set them; supervisors and viewers see the warnings only', async () => {
    const supervisor = await call(core, w.users.supervisor, 'inbound.updateSettings', { companyId: w.companyA, llmApiKey: LLM_KEY });
    expect(supervisor).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call(core, w.users.viewer, 'inbound.settings', { companyId: w.companyA })).toMatchObject({ ok: false });
    expect(ok(await call(core, w.users.viewer, 'inbound.warnings', { companyId: w.companyA }))).toEqual([]);
    expect(core.secrets.status(`company/${w.companyA}/llm-api-key`).set).toBe(false);
  });
});
