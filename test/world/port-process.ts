/**
 * The embedded HTTP port alone (what the Electron app runs: dialer and inbound APIs, no console),
 * as a child process for crash tests on machines where the console has not been built yet.
 * Prints one JSON line { url } like `dialdesk serve --json`.
 */
import { createCore } from '../../src-main/core/core';
import { memoryDeskSettings } from '../../src-main/core/settings/desk';
import { startPort } from '../../src-main/http/port';

const dataDir = process.argv[2];
if (!dataDir) throw new Error('usage: port-process.ts DATA_DIR');
const core = await createCore({ dataDir, desk: memoryDeskSettings(), checkpointInWorker: true });
const port = await startPort(core, { host: '127.0.0.1', port: 0 });
process.stdout.write(`${JSON.stringify({ url: port.url, pid: process.pid })}\n`);
process.once('SIGTERM', async () => {
  await port.close();
  await core.close();
  process.exit(0);
});
