import { useEffect } from 'react';
import { can } from '../../../src-shared/roles';
import { api } from '../api/client';
import { applyTheme } from '../lib/theme';
import { EmptyState } from '../components/Feedback';
import { navigate, href, useRoute } from '../lib/router';
import { findPage, homePath } from '../pages/registry';
import { useCompany, useSession } from '../state/session';
import { useSessionEvents } from './useSessionEvents';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';

/** The signed-in window: sidebar, top bar, and the page the hash names. */
export function Shell() {
  const route = useRoute();
  const user = useSession((s) => s.user)!;
  const company = useCompany();
  const page = findPage(route.path);
  const allowed = page && can(user.role, page.capability);

  useSessionEvents();

  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => applyTheme(s.desk.theme),
      () => undefined,
    );
  }, []);

  useEffect(() => {
    if (!page) navigate(homePath(user.role, company !== null), undefined, { replace: true });
  }, [page, user.role, company]);

  useEffect(() => {
    document.title = page ? `${page.label} · DialDesk` : 'DialDesk';
  }, [page]);

  let body;
  if (!page) body = null;
  else if (!allowed) body = <EmptyState title="Not available to your role">Ask an admin of your company if you need this page.</EmptyState>;
  else if (page.needsCompany && !company)
    body = (
      <EmptyState
        title="No company yet"
        action={
          can(user.role, 'site') ? (
            <a className="btn btn-primary" href={href('/companies')}>
              Create a company
            </a>
          ) : undefined
        }
      >
        Everything in DialDesk belongs to a company. Create one first, then come back here.
      </EmptyState>
    );
  else body = page.render(company);

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        Skip to content
      </button>
      <Sidebar current={route.path} />
      <div className="shell-main">
        <TopBar title={page?.label ?? ''} />
        <main id="main" className="content" tabIndex={-1} key={page?.needsCompany ? `${page.path}:${company?.id ?? 0}` : page?.path}>
          {body}
        </main>
      </div>
    </div>
  );
}
