import { useEffect } from 'react';
import { api } from '../api/client';
import { useSession } from '../state/session';

/**
 * Keeps the company list (and so every wallet shown) current while signed in: a wallet move patches
 * the balance in place, a company change elsewhere reloads the list.
 */
export function useSessionEvents(): void {
  useEffect(() => {
    const offWallet = api.on('wallet.changed', ({ companyId, balance }) => {
      const { companies, putCompany } = useSession.getState();
      const c = companies.find((x) => x.id === companyId);
      if (c && c.walletBalance !== balance) putCompany({ ...c, walletBalance: balance });
    });
    let timer: ReturnType<typeof setTimeout> | null = null;
    const offCompany = api.on('company.changed', () => {
      if (timer) return;
      timer = setTimeout(() => {
        timer = null;
        void useSession
          .getState()
          .reloadCompanies()
          .catch(() => undefined);
      }, 300);
    });
    return () => {
      offWallet();
      offCompany();
      if (timer) clearTimeout(timer);
    };
  }, []);
}
