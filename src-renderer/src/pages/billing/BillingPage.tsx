import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { Card, PageHeader, Stat } from '../../components/Card';
import { Notice } from '../../components/Feedback';
import { formatMoney } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { LedgerCard } from './LedgerCard';
import { StatementCard } from './StatementCard';
import { TopUpCard } from './TopUpCard';

export function BillingPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canManage = useCan('manage');
  const [version, setVersion] = useState(0);
  const { walletBalance: balance, currency, lowBalanceThreshold: threshold } = company;
  const price = company.billingMode === 'per_call' ? company.costPerBillable : company.costPerMinute;
  const tone = balance < price || balance <= 0 ? 'danger' : threshold > 0 && balance < threshold ? 'warn' : undefined;
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.billing')} description={t('billing.lead', { company: company.name })} />
      <Card>
        <div className="billing-stats">
          <Stat
            label={t('billing.balance')}
            value={<span data-testid="billing-balance">{formatMoney(balance, currency)}</span>}
            tone={tone}
            hint={tone === 'danger' ? t('billing.pausedHint') : tone === 'warn' ? t('billing.lowHint') : t('billing.liveHint')}
          />
          <Stat
            label={t('billing.price')}
            value={formatMoney(price, currency)}
            hint={company.billingMode === 'per_call' ? t('billing.perCall') : t('billing.perMinute')}
          />
          <Stat label={t('billing.warning')} value={threshold ? formatMoney(threshold, currency) : '—'} hint={t('billing.warningHint')} />
        </div>
      </Card>
      {!canManage && <Notice>{t('billing.adminOnly', { company: company.name })}</Notice>}
      <div className="grid-2">
        {canManage && <TopUpCard company={company} onDone={() => setVersion((v) => v + 1)} />}
        <StatementCard company={company} />
      </div>
      <LedgerCard company={company} version={version} />
    </div>
  );
}
