import { can } from '../../../src-shared/roles';
import { useSession } from '../state/session';
import { SECTIONS, findPage, visiblePages } from '../pages/registry';
import { href } from '../lib/router';
import { NavIcon } from './icons';

export function Sidebar({ current }: { current: string }) {
  const user = useSession((s) => s.user);
  const version = useSession((s) => s.version);
  if (!user) return null;
  const pages = visiblePages(user.role);
  const here = findPage(current)?.parent ?? current;
  return (
    <nav className="sidebar" aria-label="Main">
      <a className="brand" href={href('/dashboard')}>
        <span className="brand-mark" aria-hidden="true">
          DD
        </span>
        <span className="brand-name">DialDesk</span>
      </a>
      {SECTIONS.map((section) => {
        const items = pages.filter((p) => p.section === section);
        if (items.length === 0) return null;
        return (
          <div className="nav-section" key={section}>
            <div className="nav-section-title">{section}</div>
            <ul>
              {items.map((p) => {
                const active = here === p.path || here.startsWith(`${p.path}/`);
                return (
                  <li key={p.path}>
                    <a href={href(p.path)} className={`nav-link ${active ? 'is-active' : ''}`} aria-current={active ? 'page' : undefined}>
                      <NavIcon name={p.icon} />
                      <span>{p.label}</span>
                    </a>
                  </li>
                );
              })}
            </ul>
          </div>
        );
      })}
      <div className="sidebar-foot">
        {can(user.role, 'site') ? 'Site owner' : 'Signed in'} · v{version}
      </div>
    </nav>
  );
}
