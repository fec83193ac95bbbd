import { create } from 'zustand';

/**
 * The console's language and calendar. The desk sets the default (Settings); a user may choose their
 * own on this browser (kept in localStorage). Formatting (lib/format.ts) and i18next both follow it.
 */
export type Language = 'en' | 'fa';
export type Calendar = 'gregorian' | 'persian';

export const LANGUAGES: Language[] = ['en', 'fa'];

const KEYS = { language: 'dialdesk.language', calendar: 'dialdesk.calendar' } as const;

function stored<T extends string>(key: string, allowed: readonly T[]): T | null {
  try {
    const v = localStorage.getItem(key);
    return v && (allowed as readonly string[]).includes(v) ? (v as T) : null;
  } catch {
    return null;
  }
}

function store(key: string, value: string | null): void {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    /* private mode: the choice lasts until reload */
  }
}

interface LocaleState {
  language: Language;
  calendar: Calendar;
  /** what this user chose on this browser (null: follow the desk) */
  own: { language: Language | null; calendar: Calendar | null };
  /** the desk's defaults, from app.state / settings */
  desk: { language: Language; calendar: Calendar };
  setDesk(desk: { language: Language; calendar: Calendar }): void;
  choose(patch: { language?: Language | null; calendar?: Calendar | null }): void;
}

const resolve = (own: LocaleState['own'], desk: LocaleState['desk']) => ({
  language: own.language ?? desk.language,
  calendar: own.calendar ?? desk.calendar,
});

const own = { language: stored<Language>(KEYS.language, LANGUAGES), calendar: stored<Calendar>(KEYS.calendar, ['gregorian', 'persian']) };
const desk = { language: 'en' as Language, calendar: 'gregorian' as Calendar };

export const useLocale = create<LocaleState>()((set, get) => ({
  ...resolve(own, desk),
  own,
  desk,
  setDesk(next) {
    set({ desk: next, ...resolve(get().own, next) });
  },
  choose(patch) {
    const next = { ...get().own, ...patch };
    if (patch.language !== undefined) store(KEYS.language, patch.language);
    if (patch.calendar !== undefined) store(KEYS.calendar, patch.calendar);
    set({ own: next, ...resolve(next, get().desk) });
  },
}));

/** The BCP 47 locale Intl formats with: Persian digits in Persian, the chosen calendar either way. */
export function intlLocale(language: Language = useLocale.getState().language, calendar: Calendar = useLocale.getState().calendar): string {
  const base = language === 'fa' ? 'fa-IR' : 'en-US';
  return `${base}-u-ca-${calendar === 'persian' ? 'persian' : 'gregory'}`;
}

export const isRtl = (language: Language) => language === 'fa';
