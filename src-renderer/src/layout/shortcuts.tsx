import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../components/Dialog';
import { navigate } from '../lib/router';
import { visiblePages } from '../pages/registry';
import { useSession } from '../state/session';

/** A second key within this long after "g" opens a page. */
const SEQUENCE_MS = 1500;

const typing = (el: EventTarget | null) =>
  el instanceof HTMLElement && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName));

/**
 * The keyboard's way around: "/" to the number search, "g" then a letter to a page, "?" for the list.
 * Keys typed into a field are the field's; a modal dialog keeps its own keys too.
 */
export function useShortcuts(): { open(): void; dialog: React.ReactNode } {
  const { t } = useTranslation();
  const user = useSession((s) => s.user);
  const count = useSession((s) => s.companies.length);
  const [help, setHelp] = useState(false);
  const pages = user ? visiblePages(user, count).filter((p) => p.shortcut) : [];

  useEffect(() => {
    let gAt = 0;
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || typing(e.target) || document.querySelector('dialog[open]')) return;
      if (e.key === '/') {
        e.preventDefault();
        document.getElementById('number-search')?.focus();
      } else if (e.key === '?') {
        e.preventDefault();
        setHelp(true);
      } else if (e.key === 'g') {
        gAt = Date.now();
      } else if (Date.now() - gAt < SEQUENCE_MS) {
        gAt = 0;
        const page = pages.find((p) => p.shortcut === e.key.toLowerCase());
        if (page) {
          e.preventDefault();
          navigate(page.path);
        }
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [pages]);

  const dialog = (
    <Dialog open={help} title={t('shell.shortcuts.title')} onClose={() => setHelp(false)}>
      <table className="table compact shortcuts">
        <tbody>
          <tr>
            <td>
              <kbd>/</kbd>
            </td>
            <td>{t('shell.shortcuts.search')}</td>
          </tr>
          <tr>
            <td>
              <kbd>?</kbd>
            </td>
            <td>{t('shell.shortcuts.help')}</td>
          </tr>
          {pages.map((p) => (
            <tr key={p.path}>
              <td>
                <kbd>g</kbd> {t('shell.shortcuts.then')} <kbd>{p.shortcut}</kbd>
              </td>
              <td>{t('shell.shortcuts.goTo', { page: t(`nav.pages.${p.key}`) })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Dialog>
  );
  return { open: () => setHelp(true), dialog };
}
