import { create } from 'zustand';
import type { CompanyDto, SessionUser } from '../../../src-shared/contract';
import { api, errorMessage } from '../api/client';

type Phase = 'booting' | 'unreachable' | 'setup' | 'signedOut' | 'signedIn';

interface SessionState {
  phase: Phase;
  problem: string | null;
  /** why the user is back at sign-in (session expired), shown once */
  notice: string | null;
  user: SessionUser | null;
  version: string;
  shell: 'desktop' | 'headless';
  companies: CompanyDto[];
  /** the company every page works on: the user's own, or the superuser's pick */
  companyId: number | null;
  boot(): Promise<void>;
  signedIn(user: SessionUser): Promise<void>;
  signOut(): Promise<void>;
  expired(): void;
  selectCompany(id: number): void;
  reloadCompanies(): Promise<void>;
  /** after a create/update: put the fresh row into the list without a round trip */
  putCompany(company: CompanyDto): void;
}

const PICK_KEY = 'dialdesk.company';

function rememberedPick(): number | null {
  try {
    const v = Number(localStorage.getItem(PICK_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  } catch {
    return null;
  }
}

function choose(user: SessionUser, companies: CompanyDto[], current: number | null): number | null {
  if (user.companyId !== null) return user.companyId;
  const wanted = current ?? rememberedPick();
  if (wanted && companies.some((c) => c.id === wanted)) return wanted;
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

  async boot() {
    try {
      const state = await api.call('app.state', {});
      set({ version: state.version, shell: state.shell, problem: null });
      if (state.needsSetup) return set({ phase: 'setup', user: null });
      if (!state.user) return set({ phase: 'signedOut', user: null });
      await get().signedIn(state.user);
    } catch (err) {
      set({ phase: 'unreachable', problem: errorMessage(err) });
    }
  },

  async signedIn(user) {
    const companies = await api.call('companies.list', {});
    set({ user, companies, companyId: choose(user, companies, null), phase: 'signedIn', notice: null });
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
    set({ phase: 'signedOut', user: null, companies: [], companyId: null, notice: 'Your session has ended. Sign in again to carry on.' });
  },

  selectCompany(id) {
    try {
      localStorage.setItem(PICK_KEY, String(id));
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
