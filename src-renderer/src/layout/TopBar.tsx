import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { canSwitch, useCompany, useSession } from '../state/session';
import { useGuard } from '../lib/guard';
import { navigate } from '../lib/router';
import { useLocale, LANGUAGES, type Calendar } from '../lib/locale';
import { ChangePasswordDialog } from './ChangePasswordDialog';
import { AlertsBell } from './AlertsBell';
import { Badge } from '../components/Card';

export function TopBar({ title, onShortcuts }: { title: string; onShortcuts(): void }) {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const companies = useSession((s) => s.companies);
  const company = useCompany();
  if (!user) return null;
  return (
    <header className="topbar">
      <div className="topbar-title">{title}</div>
      <div className="topbar-right">
        <NumberSearch />
        <AlertsBell />
        {canSwitch(user, companies) ? <CompanySwitcher /> : company && <span className="topbar-company">{company.name}</span>}
        {company && !company.isActive && <Badge tone="warn">{t('shell.companyInactive')}</Badge>}
        <UserMenu username={user.username} role={t(`shell.roles.${user.role}`)} onShortcuts={onShortcuts} />
      </div>
    </header>
  );
}

/** Any number's history, from any page: Enter opens it (the "/" key comes here). */
function NumberSearch() {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (phone.trim()) navigate('/search', { phone: phone.trim() });
  };
  return (
    <form className="number-search" role="search" onSubmit={submit}>
      <label htmlFor="number-search" className="sr-only">
        {t('shell.search.label')}
      </label>
      <input
        id="number-search"
        className="input input-compact"
        type="search"
        inputMode="tel"
        maxLength={40}
        placeholder={t('shell.search.placeholder')}
        value={phone}
        onChange={(e) => setPhone(e.target.value)}
      />
    </form>
  );
}

function CompanySwitcher() {
  const { t } = useTranslation();
  const companies = useSession((s) => s.companies);
  const companyId = useSession((s) => s.companyId);
  const select = useSession((s) => s.selectCompany);
  if (companies.length === 0) return <span className="topbar-company muted">{t('shell.noCompanies')}</span>;
  return (
    <label className="switcher">
      <span className="switcher-label">{t('shell.company')}</span>
      <select
        className="input input-compact"
        value={companyId ?? ''}
        // switching company leaves the page's unsaved changes behind: ask first
        onChange={(e) => {
          const id = Number(e.target.value);
          useGuard.getState().leaveThen(() => select(id));
        }}
        aria-label={t('shell.company')}
      >
        {companies.map((c) => (
          <option key={c.id} value={c.id}>
            {c.name}
            {c.isActive ? '' : t('shell.inactiveSuffix')}
          </option>
        ))}
      </select>
    </label>
  );
}

function UserMenu({ username, role, onShortcuts }: { username: string; role: string; onShortcuts(): void }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [changing, setChanging] = useState(false);
  const signOut = useSession((s) => s.signOut);
  const locale = useLocale();
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
    ref.current?.querySelector<HTMLButtonElement>('[role^=menuitem]')?.focus();
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  // arrow keys walk the menu, as in any menu
  const onMenuKey = (e: React.KeyboardEvent) => {
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    e.preventDefault();
    const items = [...(ref.current?.querySelectorAll<HTMLButtonElement>('[role^=menuitem]') ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    items[(i + (e.key === 'ArrowDown' ? 1 : items.length - 1)) % items.length]?.focus();
  };
  const item = (label: string, action: () => void) => (
    <button
      type="button"
      role="menuitem"
      onClick={() => {
        setOpen(false);
        action();
      }}
    >
      {label}
    </button>
  );
  const radio = (label: string, checked: boolean, action: () => void, lang?: string) => (
    <button type="button" role="menuitemradio" aria-checked={checked} lang={lang} onClick={action}>
      {label}
    </button>
  );

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
        <div className="menu" role="menu" aria-label={t('shell.userMenu')} onKeyDown={onMenuKey}>
          <div role="group" aria-label={t('shell.language')} className="menu-group">
            <div className="menu-title" aria-hidden="true">
              {t('shell.language')}
            </div>
            {LANGUAGES.map((l) =>
              radio(
                t(`shell.languageNames.${l}`),
                locale.language === l,
                () => useGuard.getState().leaveThen(() => locale.choose({ language: l })),
                l,
              ),
            )}
          </div>
          <div role="group" aria-label={t('shell.calendar')} className="menu-group">
            <div className="menu-title" aria-hidden="true">
              {t('shell.calendar')}
            </div>
            {(['gregorian', 'persian'] as Calendar[]).map((c) =>
              radio(t(`shell.calendars.${c}`), locale.calendar === c, () =>
                useGuard.getState().leaveThen(() => locale.choose({ calendar: c })),
              ),
            )}
          </div>
          <div className="menu-sep" role="separator" />
          {item(t('shell.shortcuts.button'), onShortcuts)}
          {item(t('shell.changePassword'), () => setChanging(true))}
          {item(t('shell.signOut'), () => void signOut())}
        </div>
      )}
      <ChangePasswordDialog open={changing} onClose={() => setChanging(false)} />
    </div>
  );
}
