import { DEFAULT_DESK_SETTINGS, type DeskSettings } from '../../../src-shared/contract/settings';

/**
 * Settings of this desk. Electron keeps them with electron-store, headless mode with `conf`
 * (the same JSON file format); the core sees only this interface.
 */
export interface DeskSettingsStore {
  get(): DeskSettings;
  set(patch: Partial<DeskSettings>): DeskSettings;
}

/** For tests and one-shot CLI commands: nothing persisted. */
export function memoryDeskSettings(initial: Partial<DeskSettings> = {}): DeskSettingsStore {
  let value: DeskSettings = { ...DEFAULT_DESK_SETTINGS, ...initial };
  return {
    get: () => value,
    set: (patch) => (value = { ...value, ...patch }),
  };
}

/** Anything with get/set of a whole object under a key: both `conf` and `electron-store` qualify. */
export interface KeyValueFile {
  get(key: 'desk'): unknown;
  set(key: 'desk', value: DeskSettings): void;
}

export function fileDeskSettings(file: KeyValueFile): DeskSettingsStore {
  const read = (): DeskSettings => ({ ...DEFAULT_DESK_SETTINGS, ...((file.get('desk') as Partial<DeskSettings>) ?? {}) });
  return {
    get: read,
    set(patch) {
      const next = { ...read(), ...patch };
      file.set('desk', next);
      return next;
    },
  };
}
