import { create } from 'zustand';
import type { CompanyDto, SessionUser } from '../../../src-shared/contract';
import { api } from '../api/client';
import { errorText } from '../api/errors';
import { useLocale } from '../lib/locale';

type Phase = 'booting' | 'unreachable' | 'setup' | 'signedOut' | 'signedIn';

interface SessionState {
  phase: Phase;
  problem: string | null;
  /** why the user is back at sign-in (session expired), shown once */
  notice: 'expired' | null;
  user: SessionUser | null;
  version: string;
  shell: 'desktop' | 'headless';
  companies: CompanyDto[];
  /** the company every page works on: the user's pick among theirs, their home company at first */
  companyId: number | null;
  /** set by a sign-in typed at this window (not a reload): the window then opens the user's home page */
  landHome: boolean;
  landedHome(): void;
  boot(): Promise<void>;
  signedIn(user: SessionUser, typed?: boolean): Promise<void>;
  signOut(): Promise<void>;
  expired(): void;
  selectCompany(id: number): void;
  reloadCompanies(): Promise<void>;
  /** after a create/update: put the fresh row into the list without a round trip */
  putCompany(company: CompanyDto): void;
}

const PICK_KEY = 'dialdesk.company';

/** The pick is kept with its user ("7:3"): another person signing in at this window starts from their own company. */
function rememberedPick(userId: number): number | null {
  try {
    const [who, id] = (localStorage.getItem(PICK_KEY) ?? '').split(':').map(Number);
    return who === userId && Number.isInteger(id) && id > 0 ? id : null;
  } catch {
    return null;
  }
}

/** Whether the user may switch between companies (the site owner, or someone who works for several). */
export const canSwitch = (user: SessionUser | null, companies: CompanyDto[]) =>
  !!user && (user.role === 'superuser' || companies.length > 1);

function choose(user: SessionUser, companies: CompanyDto[], current: number | null): number | null {
  const mine = (id: number | null) => id !== null && companies.some((c) => c.id === id);
  if (mine(current)) return current;
  const remembered = rememberedPick(user.id);
  if (mine(remembered)) return remembered;
  if (mine(user.companyId)) return user.companyId;
  return (companies.find((c) => c.isActive) ?? companies[0])?.id ?? null;
}

export const useSession = create<SessionState>()((set, get) => ({
  phase: 'booting',
  problem: null,
  notice: null,
  user: null,
  version: '',
  shell: 'headless',
  companies: [],
  companyId: null,
  landHome: false,
  landedHome() {
    set({ landHome: false });
  },

  async boot() {
    try {
      const state = await api.call('app.state', {});
      useLocale.getState().setDesk({ language: state.language, calendar: state.calendar });
      set({ version: state.version, shell: state.shell, problem: null });
      if (state.needsSetup) return set({ phase: 'setup', user: null });
      if (!state.user) return set({ phase: 'signedOut', user: null });
      await get().signedIn(state.user);
    } catch (err) {
      set({ phase: 'unreachable', problem: errorText(err) });
    }
  },

  async signedIn(user, typed = false) {
    const companies = await api.call('companies.list', {});
    const previous = get().user;
    // another person at this window starts from their own company, not the last user's pick
    const current = previous && previous.id === user.id ? get().companyId : null;
    set({
      user,
      companies,
      companyId: choose(user, companies, current),
      phase: 'signedIn',
      notice: null,
      landHome: typed,
    });
  },

  async signOut() {
    try {
      await api.call('auth.logout', {});
    } finally {
      set({ phase: 'signedOut', user: null, companies: [], companyId: null, notice: null });
    }
  },

  expired() {
    if (get().phase !== 'signedIn') return;
    set({ phase: 'signedOut', user: null, companies: [], companyId: null, notice: 'expired' });
  },

  selectCompany(id) {
    try {
      const user = get().user;
      if (user) localStorage.setItem(PICK_KEY, `${user.id}:${id}`);
    } catch {
      /* private mode: the pick lasts until reload */
    }
    set({ companyId: id });
  },

  async reloadCompanies() {
    if (!get().user) return;
    const companies = await api.call('companies.list', {});
    // read the pick after the wait: the supervisor may have switched company while the list was loading
    const { user, companyId } = get();
    if (!user) return;
    set({ companies, companyId: choose(user, companies, companyId) });
  },

  putCompany(company) {
    const { companies, user, companyId } = get();
    const exists = companies.some((c) => c.id === company.id);
    const next = exists
      ? companies.map((c) => (c.id === company.id ? company : c))
      : [...companies, company].sort((a, b) => a.name.localeCompare(b.name));
    set({ companies: next, companyId: user ? choose(user, next, companyId) : companyId });
  },
}));

api.onUnauthenticated(() => useSession.getState().expired());

/** The company the pages work on, or null when there is none yet. */
export function useCompany(): CompanyDto | null {
  return useSession((s) => s.companies.find((c) => c.id === s.companyId) ?? null);
}
