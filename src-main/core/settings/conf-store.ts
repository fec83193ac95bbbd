import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Conf from 'conf';
import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../../src-shared/contract/settings';
import { fileDeskSettings, type DeskSettingsStore } from './desk';

/** Headless mode's desk settings: `conf` writing `desk-settings.json` in the data dir. */
export function confDeskSettings(dataDir: string): DeskSettingsStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'desk-settings', projectName: 'dialdesk' });
  return fileDeskSettings({
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
  });
}

/** The desk settings as the file holds them, read without creating the folder or the file (doctor). */
export function readDeskSettingsFile(dataDir: string): DeskSettings {
  try {
    const stored = JSON.parse(readFileSync(join(dataDir, 'desk-settings.json'), 'utf8')) as { desk?: Partial<DeskSettings> };
    return { ...DEFAULT_DESK_SETTINGS, ...(stored.desk ?? {}) };
  } catch {
    return DEFAULT_DESK_SETTINGS;
  }
}
