import { useTranslation } from 'react-i18next';
import { can } from '../../../src-shared/roles';
import { useSession } from '../state/session';
import { SECTIONS, findPage, visiblePages } from '../pages/registry';
import { href } from '../lib/router';
import { formatDigits } from '../lib/format';
import { NavIcon } from './icons';

export function Sidebar({ current }: { current: string }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const count = useSession((s) => s.companies.length);
  const version = useSession((s) => s.version);
  if (!user) return null;
  const pages = visiblePages(user, count);
  const here = findPage(current)?.parent ?? current;
  return (
    <nav className="sidebar" aria-label={t('nav.main')}>
      <a className="brand" href={href(pages[0]?.path ?? '/dashboard')}>
        <span className="brand-mark" aria-hidden="true">
          DD
        </span>
        <span className="brand-name">{t('auth.brand')}</span>
      </a>
      {SECTIONS.map((section) => {
        const items = pages.filter((p) => p.section === section);
        if (items.length === 0) return null;
        return (
          <div className="nav-section" key={section}>
            <div className="nav-section-title">{t(`nav.sections.${section}`)}</div>
            <ul>
              {items.map((p) => {
                const active = here === p.path || here.startsWith(`${p.path}/`);
                return (
                  <li key={p.path}>
                    <a href={href(p.path)} className={`nav-link ${active ? 'is-active' : ''}`} aria-current={active ? 'page' : undefined}>
                      <NavIcon name={p.icon} />
                      <span>{t(`nav.pages.${p.key}`)}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <div className="sidebar-foot">
        {can(user.role, 'site') ? t('nav.siteOwner') : t('nav.signedIn')} · {formatDigits(t('nav.version', { version }))}
      </div>
    </nav>
  );
}
