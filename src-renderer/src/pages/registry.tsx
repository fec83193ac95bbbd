import type { ReactNode } from 'react';
import type { CompanyDto, SessionUser } from '../../../src-shared/contract';
import { can, type Capability } from '../../../src-shared/roles';
import { DashboardPage } from './dashboard/DashboardPage';
import { AiAgentsPage } from './inbound/AiAgentsPage';
import { InboundNumbersPage } from './inbound/InboundNumbersPage';
import { CallLogPage } from './calls/CallLogPage';
import { CompaniesPage } from './companies/CompaniesPage';
import { UsersPage } from './users/UsersPage';
import { SettingsPage } from './settings/SettingsPage';
import { ScenariosPage } from './setup/ScenariosPage';
import { LinesPage } from './setup/LinesPage';
import { AgentsPage } from './setup/AgentsPage';
import { NumbersPage } from './numbers/NumbersPage';
import { SchedulePage } from './schedule/SchedulePage';
import { BillingPage } from './billing/BillingPage';
import { ApiKeysPage } from './apikeys/ApiKeysPage';
import { AuditPage } from './audit/AuditPage';
import { WizardPage } from './wizard/WizardPage';
import { BackupsPage } from './backups/BackupsPage';
import { CallbacksPage } from './lifecycle/CallbacksPage';
import { DoNotCallPage } from './lifecycle/DoNotCallPage';
import { DialingRulesPage } from './lifecycle/DialingRulesPage';
import { OverviewPage } from './overview/OverviewPage';
import { SearchPage } from './search/SearchPage';

export const SECTIONS = ['Overview', 'Dialing', 'Inbound', 'Money', 'Admin', 'Site'] as const;
export type Section = (typeof SECTIONS)[number];

/** The page's name in nav.pages (its label in the sidebar and its heading). */
export type PageKey =
  | 'overview'
  | 'dashboard'
  | 'calls'
  | 'numbers'
  | 'scenarios'
  | 'lines'
  | 'agents'
  | 'schedule'
  | 'inbound'
  | 'aiAgents'
  | 'billing'
  | 'apiKeys'
  | 'users'
  | 'settings'
  | 'audit'
  | 'newCompany'
  | 'companies'
  | 'search'
  | 'callbacks'
  | 'doNotCall'
  | 'dialingRules'
  | 'backups';

export interface PageDef {
  path: string;
  key: PageKey;
  /** a key to go there: g then this letter (the shortcuts list) */
  shortcut?: string;
  section: Section;
  icon: string;
  /** who sees the page in the sidebar at all (the page itself hides what they may not change) */
  capability: Capability;
  /** rendered with the current company, or null for pages that work without one */
  render(company: CompanyDto | null): ReactNode;
  needsCompany: boolean;
  /** reached from another page, not listed in the sidebar */
  hidden?: boolean;
  /** the sidebar entry to highlight for a hidden page */
  parent?: string;
  /** beyond the capability: shown only to some users (the overview, to those with several companies) */
  shownTo?(user: SessionUser, companies: number): boolean;
}

/** Every page of the console, in sidebar order. */
export const PAGES: PageDef[] = [
  {
    path: '/overview',
    key: 'overview',
    shortcut: 'o',
    section: 'Overview',
    icon: 'companies',
    capability: 'read',
    needsCompany: false,
    shownTo: (user, companies) => user.role === 'superuser' || companies > 1,
    render: () => <OverviewPage />,
  },
  {
    path: '/dashboard',
    key: 'dashboard',
    shortcut: 'd',
    section: 'Overview',
    icon: 'dashboard',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DashboardPage company={c!} />,
  },
  {
    path: '/calls',
    key: 'calls',
    shortcut: 'c',
    section: 'Overview',
    icon: 'calls',
    capability: 'read',
    needsCompany: true,
    render: (c) => <CallLogPage company={c!} />,
  },
  {
    path: '/numbers',
    key: 'numbers',
    shortcut: 'n',
    section: 'Dialing',
    icon: 'numbers',
    capability: 'read',
    needsCompany: true,
    render: (c) => <NumbersPage company={c!} />,
  },
  {
    path: '/callbacks',
    key: 'callbacks',
    section: 'Dialing',
    icon: 'callbacks',
    capability: 'read',
    needsCompany: true,
    render: (c) => <CallbacksPage company={c!} />,
  },
  {
    path: '/do-not-call',
    key: 'doNotCall',
    section: 'Dialing',
    icon: 'dnc',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DoNotCallPage company={c!} />,
  },
  {
    path: '/dialing-rules',
    key: 'dialingRules',
    section: 'Dialing',
    icon: 'rules',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DialingRulesPage company={c!} />,
  },
  {
    path: '/scenarios',
    key: 'scenarios',
    shortcut: 'r',
    section: 'Dialing',
    icon: 'scenarios',
    capability: 'read',
    needsCompany: true,
    render: (c) => <ScenariosPage company={c!} />,
  },
  {
    path: '/lines',
    key: 'lines',
    shortcut: 'l',
    section: 'Dialing',
    icon: 'lines',
    capability: 'read',
    needsCompany: true,
    render: (c) => <LinesPage company={c!} />,
  },
  {
    path: '/agents',
    key: 'agents',
    shortcut: 'a',
    section: 'Dialing',
    icon: 'agents',
    capability: 'read',
    needsCompany: true,
    render: (c) => <AgentsPage company={c!} />,
  },
  {
    path: '/schedule',
    key: 'schedule',
    shortcut: 'h',
    section: 'Dialing',
    icon: 'schedule',
    capability: 'read',
    needsCompany: true,
    render: (c) => <SchedulePage company={c!} />,
  },
  {
    path: '/inbound',
    key: 'inbound',
    shortcut: 'i',
    section: 'Inbound',
    icon: 'inbound',
    capability: 'read',
    needsCompany: true,
    render: (c) => <InboundNumbersPage company={c!} />,
  },
  {
    path: '/ai-agents',
    key: 'aiAgents',
    section: 'Inbound',
    icon: 'ai',
    capability: 'read',
    needsCompany: true,
    render: (c) => <AiAgentsPage company={c!} />,
  },
  {
    path: '/billing',
    key: 'billing',
    shortcut: 'b',
    section: 'Money',
    icon: 'billing',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <BillingPage company={c!} />,
  },
  {
    path: '/api-keys',
    key: 'apiKeys',
    section: 'Admin',
    icon: 'keys',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <ApiKeysPage company={c!} />,
  },
  {
    path: '/users',
    key: 'users',
    shortcut: 'u',
    section: 'Admin',
    icon: 'users',
    capability: 'manage',
    needsCompany: false,
    render: (c) => <UsersPage company={c} />,
  },
  {
    path: '/settings',
    key: 'settings',
    shortcut: 's',
    section: 'Admin',
    icon: 'settings',
    capability: 'read',
    needsCompany: false,
    render: () => <SettingsPage />,
  },
  {
    path: '/backups',
    key: 'backups',
    section: 'Admin',
    icon: 'backups',
    capability: 'site',
    needsCompany: false,
    render: () => <BackupsPage />,
  },
  {
    path: '/audit',
    key: 'audit',
    section: 'Admin',
    icon: 'audit',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <AuditPage company={c!} />,
  },
  {
    path: '/new-company',
    key: 'newCompany',
    section: 'Site',
    icon: 'wizard',
    capability: 'site',
    needsCompany: false,
    hidden: true,
    parent: '/companies',
    render: () => <WizardPage />,
  },
  {
    path: '/search',
    key: 'search',
    section: 'Overview',
    icon: 'numbers',
    capability: 'read',
    needsCompany: false,
    hidden: true,
    render: (c) => <SearchPage company={c} />,
  },
  {
    path: '/companies',
    key: 'companies',
    shortcut: 'm',
    section: 'Site',
    icon: 'companies',
    capability: 'read',
    needsCompany: false,
    render: () => <CompaniesPage />,
  },
];

/** Whether the user may open the page (a hidden one too). */
export function allowed(page: PageDef, user: SessionUser, companies: number): boolean {
  return can(user.role, page.capability) && (page.shownTo?.(user, companies) ?? true);
}

export function visiblePages(user: SessionUser, companies: number): PageDef[] {
  return PAGES.filter((p) => !p.hidden && allowed(p, user, companies));
}

export function findPage(path: string): PageDef | undefined {
  return PAGES.find((p) => path === p.path || path.startsWith(`${p.path}/`));
}

/**
 * Where a user lands: the first page they can see past the overview of all companies (the day's work
 * starts on one company's dashboard; the overview is one click away), or Companies while there is none.
 */
export function homePath(user: SessionUser, companies: number): string {
  if (companies === 0) return '/companies';
  const pages = visiblePages(user, companies);
  return (pages.find((p) => p.key !== 'overview') ?? pages[0])?.path ?? '/companies';
}
