import { expect, vi } from 'vitest';
import { join } from 'node:path';
import { runCli } from '../../src-main/cli/main';
import { freshTestDatabase, testEngine } from './engine';
import { databaseReader, type DatabaseReader } from './reader';

/**
 * The command line run in this process, as `dialdesk <args> --data-dir <dir> --json`: answers its exit
 * code and the one JSON object it printed (more than one line fails the test). The folder is read at
 * each call, so a suite may make it in beforeAll.
 */
export function cliInProcess(dataDir: () => string, more: () => string[] = () => []) {
  return async (...args: string[]): Promise<{ code: number; json: any }> => {
    let out = '';
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      out += String(chunk);
      return true;
    });
    try {
      const code = await runCli([...args, '--data-dir', dataDir(), ...more(), '--json']);
      const lines = out.trim().split('\n');
      expect(lines).toHaveLength(1);
      return { code, json: JSON.parse(lines[0]) };
    } finally {
      spy.mockRestore();
    }
  };
}

export interface CliDatabase {
  /** what every command on the folder is given: --database on PostgreSQL, nothing on SQLite */
  args: string[];
  /** what the commands wrote, read through the engine layer */
  read: DatabaseReader['read'];
  dispose(): Promise<void>;
}

/**
 * The database a command-line suite's data folder runs on: in the `postgres` test project a fresh
 * PostgreSQL database of its own, which every command must be pointed at; otherwise the folder's own file.
 */
export async function cliDatabase(dataDir: string): Promise<CliDatabase> {
  const own = testEngine() === 'postgres' ? await freshTestDatabase() : null;
  const reader = databaseReader({ url: own?.url, file: join(dataDir, 'dialdesk.sqlite') });
  return {
    args: own ? ['--database', own.url] : [],
    read: (fn) => reader.read(fn),
    async dispose() {
      await reader.close();
      await own?.drop();
    },
  };
}
