import Conf from 'conf';
import { fileDeskSettings, type DeskSettingsStore } from './desk';

/** Headless mode's desk settings: `conf` writing `desk-settings.json` in the data dir. */
export function confDeskSettings(dataDir: string): DeskSettingsStore {
  const conf = new Conf<Record<string, unknown>>({ cwd: dataDir, configName: 'desk-settings', projectName: 'dialdesk' });
  return fileDeskSettings({
    get: (key) => conf.get(key),
    set: (key, value) => conf.set(key, value),
  });
}
