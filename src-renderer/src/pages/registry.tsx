import type { ReactNode } from 'react';
import type { CompanyDto } from '../../../src-shared/contract';
import { can, type Capability, type Role } from '../../../src-shared/roles';
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

export const SECTIONS = ['Overview', 'Dialing', 'Inbound', 'Money', 'Admin', 'Site'] as const;
export type Section = (typeof SECTIONS)[number];

export interface PageDef {
  path: string;
  label: string;
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
}

/** Every page of the console, in sidebar order. */
export const PAGES: PageDef[] = [
  {
    path: '/dashboard',
    label: 'Dashboard',
    section: 'Overview',
    icon: 'dashboard',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DashboardPage company={c!} />,
  },
  {
    path: '/calls',
    label: 'Call log',
    section: 'Overview',
    icon: 'calls',
    capability: 'read',
    needsCompany: true,
    render: (c) => <CallLogPage company={c!} />,
  },
  {
    path: '/numbers',
    label: 'Numbers',
    section: 'Dialing',
    icon: 'numbers',
    capability: 'read',
    needsCompany: true,
    render: (c) => <NumbersPage company={c!} />,
  },
  {
    path: '/callbacks',
    label: 'Callbacks',
    section: 'Dialing',
    icon: 'callbacks',
    capability: 'read',
    needsCompany: true,
    render: (c) => <CallbacksPage company={c!} />,
  },
  {
    path: '/do-not-call',
    label: 'Do-not-call',
    section: 'Dialing',
    icon: 'dnc',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DoNotCallPage company={c!} />,
  },
  {
    path: '/dialing-rules',
    label: 'Dialing rules',
    section: 'Dialing',
    icon: 'rules',
    capability: 'read',
    needsCompany: true,
    render: (c) => <DialingRulesPage company={c!} />,
  },
  {
    path: '/scenarios',
    label: 'Scenarios',
    section: 'Dialing',
    icon: 'scenarios',
    capability: 'read',
    needsCompany: true,
    render: (c) => <ScenariosPage company={c!} />,
  },
  {
    path: '/lines',
    label: 'Outbound lines',
    section: 'Dialing',
    icon: 'lines',
    capability: 'read',
    needsCompany: true,
    render: (c) => <LinesPage company={c!} />,
  },
  {
    path: '/agents',
    label: 'Agents',
    section: 'Dialing',
    icon: 'agents',
    capability: 'read',
    needsCompany: true,
    render: (c) => <AgentsPage company={c!} />,
  },
  {
    path: '/schedule',
    label: 'Schedule',
    section: 'Dialing',
    icon: 'schedule',
    capability: 'read',
    needsCompany: true,
    render: (c) => <SchedulePage company={c!} />,
  },
  {
    path: '/inbound',
    label: 'Inbound numbers',
    section: 'Inbound',
    icon: 'inbound',
    capability: 'read',
    needsCompany: true,
    render: (c) => <InboundNumbersPage company={c!} />,
  },
  {
    path: '/ai-agents',
    label: 'AI agents',
    section: 'Inbound',
    icon: 'ai',
    capability: 'read',
    needsCompany: true,
    render: (c) => <AiAgentsPage company={c!} />,
  },
  {
    path: '/billing',
    label: 'Billing',
    section: 'Money',
    icon: 'billing',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <BillingPage company={c!} />,
  },
  {
    path: '/api-keys',
    label: 'API keys',
    section: 'Admin',
    icon: 'keys',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <ApiKeysPage company={c!} />,
  },
  {
    path: '/users',
    label: 'Users',
    section: 'Admin',
    icon: 'users',
    capability: 'manage',
    needsCompany: false,
    render: (c) => <UsersPage company={c} />,
  },
  {
    path: '/settings',
    label: 'Settings',
    section: 'Admin',
    icon: 'settings',
    capability: 'read',
    needsCompany: false,
    render: () => <SettingsPage />,
  },
  {
    path: '/backups',
    label: 'Backups',
    section: 'Admin',
    icon: 'backups',
    capability: 'site',
    needsCompany: false,
    render: () => <BackupsPage />,
  },
  {
    path: '/audit',
    label: 'Audit log',
    section: 'Admin',
    icon: 'audit',
    capability: 'manage',
    needsCompany: true,
    render: (c) => <AuditPage company={c!} />,
  },
  {
    path: '/new-company',
    label: 'New company',
    section: 'Site',
    icon: 'wizard',
    capability: 'site',
    needsCompany: false,
    hidden: true,
    parent: '/companies',
    render: () => <WizardPage />,
  },
  {
    path: '/companies',
    label: 'Companies',
    section: 'Site',
    icon: 'companies',
    capability: 'read',
    needsCompany: false,
    render: () => <CompaniesPage />,
  },
];

export function visiblePages(role: Role): PageDef[] {
  return PAGES.filter((p) => !p.hidden && can(role, p.capability));
}

export function findPage(path: string): PageDef | undefined {
  return PAGES.find((p) => path === p.path || path.startsWith(`${p.path}/`));
}

/** Where a user lands: the first page they can see, or Companies while there is no company yet. */
export function homePath(role: Role, hasCompany: boolean): string {
  if (!hasCompany) return '/companies';
  return visiblePages(role)[0]?.path ?? '/companies';
}
