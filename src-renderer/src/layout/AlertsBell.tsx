import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert, AlertKind } from '../../../src-shared/contract';
import { alertText } from '../../../src-shared/i18n/alerts';
import { api } from '../api/client';
import { useQuery } from '../api/hooks';
import { useGuard } from '../lib/guard';
import { useLocale } from '../lib/locale';
import { formatInt } from '../lib/format';
import { navigate } from '../lib/router';
import { useSession } from '../state/session';

/** Where an alert is acted on. */
const PAGE_OF: Record<AlertKind, string> = {
  wallet_low: '/billing',
  pool_low: '/numbers',
  dialer_silent: '/dashboard',
  callbacks_due: '/dashboard',
};

/** How often the bell asks again when nothing happened (events ask sooner). */
const EVERY_MS = 30_000;

/**
 * What changed since the supervisor last looked, for every company they work for: a count on the top
 * bar and the list under it, each alert leading to the page where it is dealt with.
 */
export function AlertsBell() {
  const { t } = useTranslation();
  const companies = useSession((s) => s.companies);
  const select = useSession((s) => s.selectCompany);
  const locale = useLocale();
  const alerts = useQuery(() => api.call('alerts.list', {}), []);
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);

  useAlertsRefresh(alerts.reload);
  useEffect(() => {
    if (!open) return;
    const away = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    document.addEventListener('mousedown', away);
    document.addEventListener('keydown', esc);
    return () => {
      document.removeEventListener('mousedown', away);
      document.removeEventListener('keydown', esc);
    };
  }, [open]);

  const list = alerts.data ?? [];
  const critical = list.some((a) => a.severity === 'critical');
  const text = (a: Alert) => {
    const c = companies.find((x) => x.id === a.companyId);
    return alertText(a, {
      language: locale.language,
      calendar: locale.calendar,
      companyName: c?.name ?? `#${a.companyId}`,
      timezone: c?.timezone ?? 'UTC',
    }).body;
  };
  const go = (a: Alert) => {
    setOpen(false);
    useGuard.getState().leaveThen(() => {
      select(a.companyId);
      navigate(PAGE_OF[a.kind]);
    });
  };

  return (
    <div className="alerts" ref={ref}>
      <button
        type="button"
        className={`alerts-button ${list.length ? (critical ? 'is-critical' : 'is-warning') : ''}`}
        aria-expanded={open}
        aria-controls="alerts-panel"
        onClick={() => setOpen(!open)}
      >
        <span aria-hidden="true" className="bell">
          ●
        </span>
        {list.length ? t('shell.alerts.button', { count: list.length, formattedCount: formatInt(list.length) }) : t('shell.alerts.none')}
      </button>
      {open && (
        <div className="alerts-panel" id="alerts-panel" role="region" aria-label={t('shell.alerts.title')}>
          <h2 className="alerts-title">{t('shell.alerts.title')}</h2>
          {list.length === 0 ? (
            <p className="muted small">{t('shell.alerts.allClear')}</p>
          ) : (
            <ul>
              {list.map((a) => (
                <li key={a.id} className={`alert alert-${a.severity}`}>
                  <span className="alert-severity">{t(`shell.alerts.${a.severity}`)}</span>
                  <span className="alert-text">{text(a)}</span>
                  <button type="button" className="link-button" onClick={() => go(a)} aria-label={`${t('shell.alerts.open')}: ${text(a)}`}>
                    {t('shell.alerts.open')}
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** Asks again every EVERY_MS, and soon after a wallet moves or a dialer is heard from. */
function useAlertsRefresh(reload: () => Promise<void>): void {
  const reloadRef = useRef(reload);
  reloadRef.current = reload;
  useEffect(() => {
    let soon: ReturnType<typeof setTimeout> | null = null;
    const later = () => {
      if (!soon) soon = setTimeout(() => ((soon = null), void reloadRef.current()), 3000);
    };
    const offs = [api.on('wallet.changed', later), api.on('dialer.seen', later), api.on('company.changed', later)];
    const every = setInterval(() => void reloadRef.current(), EVERY_MS);
    return () => {
      offs.forEach((off) => off());
      clearInterval(every);
      if (soon) clearTimeout(soon);
    };
  }, []);
}
