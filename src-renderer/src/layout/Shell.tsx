import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../../src-shared/roles';
import { api } from '../api/client';
import { applyTheme } from '../lib/theme';
import { EmptyState } from '../components/Feedback';
import { navigate, href, useRoute } from '../lib/router';
import { allowed, findPage, homePath } from '../pages/registry';
import { useCompany, useSession } from '../state/session';
import { useSessionEvents } from './useSessionEvents';
import { Sidebar } from './Sidebar';
import { TopBar } from './TopBar';
import { useShortcuts } from './shortcuts';

/** The signed-in window: sidebar, top bar, and the page the hash names. */
export function Shell() {
  const { t } = useTranslation();
  const route = useRoute();
  const user = useSession((s) => s.user)!;
  const count = useSession((s) => s.companies.length);
  const landHome = useSession((s) => s.landHome);
  const company = useCompany();
  const page = findPage(route.path);
  const mayOpen = page && allowed(page, user, count);
  const shortcuts = useShortcuts();

  useSessionEvents();

  useEffect(() => {
    api.call('settings.get', {}).then(
      (s) => applyTheme(s.desk.theme),
      () => undefined,
    );
  }, []);

  // a page that does not exist leads to the user's home page; so does every sign-in typed at this
  // window (the last user's page is not the next one's, and may not be theirs to open). An address
  // typed for a page their role may not open says so instead.
  useEffect(() => {
    if (!page || landHome) navigate(homePath(user, count), undefined, { replace: true });
    if (landHome) useSession.getState().landedHome();
  }, [page, user, count, landHome]);

  useEffect(() => {
    document.title = page ? `${t(`nav.pages.${page.key}`)} · DialDesk` : 'DialDesk';
  }, [page, t]);

  let body;
  if (!page) body = null;
  else if (!mayOpen) body = <EmptyState title={t('shell.notForRole')}>{t('shell.notForRoleBody')}</EmptyState>;
  else if (page.needsCompany && !company)
    body = (
      <EmptyState
        title={t('shell.noCompany')}
        action={
          can(user.role, 'site') ? (
            <a className="btn btn-primary" href={href('/companies')}>
              {t('shell.createCompany')}
            </a>
          ) : undefined
        }
      >
        {t('shell.noCompanyBody')}
      </EmptyState>
    );
  else body = page.render(company);

  return (
    <div className="shell">
      <button type="button" className="skip-link" onClick={() => document.getElementById('main')?.focus()}>
        {t('shell.skip')}
      </button>
      <Sidebar current={route.path} />
      <div className="shell-main">
        <TopBar title={page ? t(`nav.pages.${page.key}`) : ''} onShortcuts={shortcuts.open} />
        <main id="main" className="content" tabIndex={-1} key={page?.needsCompany ? `${page.path}:${company?.id ?? 0}` : page?.path}>
          {body}
        </main>
      </div>
      {shortcuts.dialog}
    </div>
  );
}
