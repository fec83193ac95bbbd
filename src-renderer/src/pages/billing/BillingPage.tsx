import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { Card, PageHeader, Stat } from '../../components/Card';
import { Notice } from '../../components/Feedback';
import { formatMoney } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { LedgerCard } from './LedgerCard';
import { StatementCard } from './StatementCard';
import { TopUpCard } from './TopUpCard';

export function BillingPage({ company }: { company: CompanyDto }) {
  const canManage = useCan('manage');
  const [version, setVersion] = useState(0);
  const { walletBalance: balance, currency, lowBalanceThreshold: threshold } = company;
  const price = company.billingMode === 'per_call' ? company.costPerBillable : company.costPerMinute;
  const tone = balance < price || balance <= 0 ? 'danger' : threshold > 0 && balance < threshold ? 'warn' : undefined;
  return (
    <div className="page">
      <PageHeader title="Billing" description={`${company.name}'s wallet pays for billable calls as the dialers report them.`} />
      <Card>
        <div className="billing-stats">
          <Stat
            label="Balance"
            value={<span data-testid="billing-balance">{formatMoney(balance, currency)}</span>}
            tone={tone}
            hint={tone === 'danger' ? 'Dialing is paused until a top-up' : tone === 'warn' ? 'Below the warning level' : 'Updates live'}
          />
          <Stat
            label="Price"
            value={formatMoney(price, currency)}
            hint={company.billingMode === 'per_call' ? 'per billable call' : 'per started minute'}
          />
          <Stat label="Warning level" value={threshold ? formatMoney(threshold, currency) : '—'} hint="the dashboard warns below this" />
        </div>
      </Card>
      {!canManage && <Notice>Only an admin of {company.name} can add money.</Notice>}
      <div className="grid-2">
        {canManage && <TopUpCard company={company} onDone={() => setVersion((v) => v + 1)} />}
        <StatementCard company={company} />
      </div>
      <LedgerCard company={company} version={version} />
    </div>
  );
}
