import { useEffect, useRef, useState } from 'react';
import { useCompany, useSession } from '../state/session';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { Badge } from '../components/Card';

const ROLE_LABEL = { superuser: 'Site owner', admin: 'Admin', supervisor: 'Supervisor', viewer: 'Viewer' } as const;

export function TopBar({ title }: { title: string }) {
  const user = useSession((s) => s.user);
  const company = useCompany();
  if (!user) return null;
  return (
    <header className="topbar">
      <div className="topbar-title">{title}</div>
      <div className="topbar-right">
        {user.role === 'superuser' ? <CompanySwitcher /> : company && <span className="topbar-company">{company.name}</span>}
        {company && !company.isActive && <Badge tone="warn">Inactive</Badge>}
        <UserMenu username={user.username} role={ROLE_LABEL[user.role]} />
      </div>
    </header>
  );
}

function CompanySwitcher() {
  const companies = useSession((s) => s.companies);
  const companyId = useSession((s) => s.companyId);
  const select = useSession((s) => s.selectCompany);
  if (companies.length === 0) return <span className="topbar-company muted">No companies yet</span>;
  return (
    <label className="switcher">
      <span className="switcher-label">Company</span>
      <select className="input input-compact" value={companyId ?? ''} onChange={(e) => select(Number(e.target.value))} aria-label="Company">
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.isActive ? '' : ' (inactive)'}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu({ username, role }: { username: string; role: string }) {
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const signOut = useSession((s) => s.signOut);
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => {
      if (!ref.current?.contains(e.target as Node)) setOpen(false);
    };
    const esc = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        ref.current?.querySelector<HTMLButtonElement>('.user-button')?.focus();
      }
    };
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    ref.current?.querySelector<HTMLButtonElement>('[role=menuitem]')?.focus();
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  return (
    <div className="user-menu" ref={ref}>
      <button type="button" className="user-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        <span className="avatar" aria-hidden="true">
          {username.slice(0, 1).toUpperCase()}
        </span>
        <span className="user-text">
          <span className="user-name">{username}</span>
          <span className="user-role">{role}</span>
        </span>
        <span className="caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div className="menu" role="menu">
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              setChanging(true);
            }}
          >
            Change password
          </button>
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              setOpen(false);
              void signOut();
            }}
          >
            Sign out
          </button>
        </div>
      )}
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </div>
  );
}
