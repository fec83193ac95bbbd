import type { CompanyDto } from '../../../../src-shared/contract';
import { Card } from '../../components/Card';
import { formatMoney } from '../../lib/format';
import { href } from '../../lib/router';
import { useCan } from '../../lib/useCan';

/** The balance, kept live by wallet.changed, with a warning before dialing stops for lack of money. */
export function WalletCard({ company }: { company: CompanyDto }) {
  const canManage = useCan('manage');
  const { walletBalance: balance, currency, lowBalanceThreshold: threshold } = company;
  const price = company.billingMode === 'per_call' ? company.costPerBillable : company.costPerMinute;
  const empty = balance < price || balance <= 0;
  const low = !empty && threshold > 0 && balance < threshold;
  const callsLeft = price > 0 ? Math.floor(Math.max(0, balance) / price) : null;
  return (
    <Card
      title="Wallet"
      actions={
        canManage && (
          <a className="btn btn-sm" href={href('/billing')}>
            Top up
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
            ? `${formatMoney(price, currency)} per billable call`
            : `${formatMoney(price, currency)} per started minute`}
          {callsLeft !== null &&
            ` · about ${callsLeft.toLocaleString('en-US')} ${company.billingMode === 'per_call' ? 'billable calls' : 'minutes'} left`}
        </div>
        {empty && (
          <div className="note note-error" role="alert">
            The wallet cannot pay for another call: dialers get no numbers until it is topped up.
          </div>
        )}
        {low && (
          <div className="note note-warn" role="alert">
            Low balance: below the {formatMoney(threshold, currency)} warning level.
          </div>
        )}
      </div>
    </Card>
  );
}
