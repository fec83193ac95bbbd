import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { consolePlugin } from '../../../src-main/http/console';
import { SESSION_HEADER } from '../../../src-shared/bridge';
import { startPort, type RunningPort } from '../../../src-main/http/port';
import { HANDLERS } from '../../../src-main/ipc/table';
import { HEADLESS_BRIDGE } from '../../../src-main/core/paths';
import { DownloadTickets } from '../../../src-main/core/exports/delivery';
import { makeTestCore, manualClock, seedWorld, recordTestResult, type TestCore } from '../../world';

let core: TestCore;
let port: RunningPort | null = null;
afterEach(async () => {
  await port?.close();
  port = null;
  await core?.dispose();
});

/** `dialdesk serve`'s console on an ephemeral loopback port, with a stand-in page for the renderer. */
async function serve() {
  core = await makeTestCore();
  const w = await seedWorld(core);
  const renderer = join(core.dataDir, 'renderer');
  mkdirSync(renderer);
  writeFileSync(join(renderer, 'index.html'), '<html><head></head><body></body></html>');
  port = await startPort(core, {
    host: '127.0.0.1',
    port: 0,
    extra: [consolePlugin({ core, handlers: HANDLERS, rendererDir: renderer, bridgeScript: HEADLESS_BRIDGE })],
  });
  const base = port.url;
  let token = '';
  const invoke = async (channel: string, arg: unknown) => {
    const res = await fetch(`${base}/rpc/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token && { [SESSION_HEADER]: token }) },
      body: JSON.stringify({ channel, arg }),
    });
    token = res.headers.get(SESSION_HEADER) ?? token;
    return (await res.json()) as { ok: boolean; value?: any; error?: { code: string } };
  };
  expect((await invoke('auth.login', { username: 'viewer-a', password: 'password-1' })).ok).toBe(true);
  return { w, base, invoke };
}

describe('downloads under dialdesk serve', () => {
  it('hands an export over once through a download link, as an attachment, then deletes it', async () => {
    const { w, base, invoke } = await serve();
    await recordTestResult(core, { companyId: w.companyA, phone: '+4917012345678', status: 'ANSWERED', startedAt: '2026-03-02T08:00:00Z' });
    const answer = await invoke('calls.exportCsv', { companyId: w.companyA });
    expect(answer).toMatchObject({ ok: true, value: { cancelled: false, rows: 1, savedTo: null, fileName: 'acme-calls.csv' } });
    const url: string = answer.value.downloadUrl;
    expect(url).toMatch(/^\/rpc\/download\/[A-Za-z0-9_-]{32}$/);

    const res = await fetch(`${base}${url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="acme-calls.csv"');
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const rows = parse(Buffer.from(await res.arrayBuffer()), { bom: true, columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ phone: '+4917012345678', charged: '0.50' });

    const again = await fetch(`${base}${url}`);
    expect(again.status).toBe(404);
    expect(await again.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    expect((await fetch(`${base}/rpc/download/not-a-ticket`)).status).toBe(404);
    // refused to another site's page like every console route
    expect((await fetch(`${base}${url}`, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('expires unused links and deletes their files', async () => {
    const clock = manualClock();
    const tickets = new DownloadTickets(clock.clock, 60_000);
    const target = tickets.saveTarget('../../etc/passwd weird name.csv');
    expect(target.path).toMatch(/[0-9a-f]{16}-passwd_weird_name\.csv$/);
    writeFileSync(target.path, 'x');
    const { downloadUrl } = await target.finish();
    const ticket = downloadUrl!.split('/').pop()!;
    clock.advance(61_000);
    expect(tickets.take(ticket)).toBeNull();
    expect(existsSync(target.path)).toBe(false);

    const kept = tickets.saveTarget('a.csv');
    writeFileSync(kept.path, 'y');
    const link = (await kept.finish()).downloadUrl!.split('/').pop()!;
    const dir = join(kept.path, '..');
    expect(tickets.take(link)).toMatchObject({ path: kept.path, fileName: 'a.csv' });
    expect(tickets.take(link)).toBeNull();
    tickets.close();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
  });
});
