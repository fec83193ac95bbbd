import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { Card } from '../../components/Card';
import { formatInt, formatMoney } from '../../lib/format';
import { href } from '../../lib/router';
import { useCan } from '../../lib/useCan';

/** The balance, kept live by wallet.changed, with a warning before dialing stops for lack of money. */
export function WalletCard({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canManage = useCan('manage');
  const { walletBalance: balance, currency, lowBalanceThreshold: threshold } = company;
  const price = company.billingMode === 'per_call' ? company.costPerBillable : company.costPerMinute;
  const empty = balance < price || balance <= 0;
  const low = !empty && threshold > 0 && balance < threshold;
  const callsLeft = price > 0 ? Math.floor(Math.max(0, balance) / price) : null;
  return (
    <Card
      title={t('dashboard.wallet.title')}
      actions={
        canManage && (
          <a className="btn btn-sm" href={href('/billing')}>
            {t('dashboard.wallet.topUp')}
          </a>
        )
      }
    >
      <div className={`wallet ${empty ? 'is-empty' : low ? 'is-low' : ''}`}>
        <div className="wallet-balance tabular" data-testid="wallet-balance">
          {formatMoney(balance, currency)}
        </div>
        <div className="muted small">
          {company.billingMode === 'per_call'
            ? t('dashboard.wallet.perCall', { price: formatMoney(price, currency) })
            : t('dashboard.wallet.perMinute', { price: formatMoney(price, currency) })}
          {callsLeft !== null &&
            t(company.billingMode === 'per_call' ? 'dashboard.wallet.callsLeft' : 'dashboard.wallet.minutesLeft', {
              count: formatInt(callsLeft),
            })}
        </div>
        {empty && (
          <div className="note note-error" role="alert">
            {t('dashboard.wallet.empty')}
          </div>
        )}
        {low && (
          <div className="note note-warn" role="alert">
            {t('dashboard.wallet.low', { threshold: formatMoney(threshold, currency) })}
          </div>
        )}
      </div>
    </Card>
  );
}
