import { expect, vi } from 'vitest';
import { runCli } from '../../src-main/cli/main';

/**
 * The command line run in this process, as `dialdesk <args> --data-dir <dir> --json`: answers its exit
 * code and the one JSON object it printed (more than one line fails the test). The folder is read at
 * each call, so a suite may make it in beforeAll.
 */
export function cliInProcess(dataDir: () => string) {
  return async (...args: string[]): Promise<{ code: number; json: any }> => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      const code = await runCli([...args, '--data-dir', dataDir(), '--json']);
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(1);
      return { code, json: JSON.parse(lines[0]) };
    } finally {
      spy.mockRestore();
    }
  };
}
