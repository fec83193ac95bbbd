import type { WizardCreateCompanyAnswer } from '../../../../src-shared/contract/wizard';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { Notice } from '../../components/Feedback';
import { formatMoney } from '../../lib/format';
import { DAYS } from '../schedule/windows';
import { toInput, type WizardDraft } from './wizardState';

export function Review({ d }: { d: WizardDraft }) {
  const input = toInput(d);
  const b = input.billing;
  const hours = input.schedule.open24x7
    ? 'Open around the clock'
    : DAYS.map((day, i) => {
        const ws = input.schedule.windows.filter((w) => w.weekday === i);
        return ws.length ? `${day.short} ${ws.map((w) => `${w.start}–${w.end}`).join(', ')}` : null;
      })
        .filter(Boolean)
        .join(' · ');
  const rows: [string, string][] = [
    ['Company', `${d.name} (${d.slug})`],
    ['Time zone and currency', `${d.timezone} · ${d.currency}`],
    ['Hours', hours || 'Closed every day'],
    ['Exceptions', input.schedule.exceptions.length ? input.schedule.exceptions.map((x) => x.date).join(', ') : 'none'],
    [
      'Price',
      b.billingMode === 'per_call'
        ? `${formatMoney(b.costPerBillable, d.currency)} per billable call`
        : `${formatMoney(b.costPerMinute, d.currency)} per minute`,
    ],
    ['Opening balance', formatMoney(b.openingBalance, d.currency)],
    ['Low-balance warning', b.lowBalanceThreshold ? formatMoney(b.lowBalanceThreshold, d.currency) : 'none'],
    ['Outbound lines', input.outboundLines.map((l) => `${l.name} ${l.phone}`).join(', ') || 'none yet'],
    ['Scenarios', input.scenarios.map((s) => `${s.name} (${s.key})`).join(', ') || 'none yet'],
    ['API key', input.apiKey ? `“${input.apiKey.name}” for ${input.apiKey.scopes.join(' and ')}` : 'none'],
  ];
  return (
    <dl className="review">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function WizardDone({ answer, onOpen }: { answer: WizardCreateCompanyAnswer; onOpen(): void }) {
  return (
    <div className="page">
      <PageHeader
        title={`${answer.company.name} is ready`}
        description="The company, its hours, prices, lines and scenarios were created together."
      />
      <Card>
        <div className="form">
          {answer.apiKey ? (
            <>
              <Notice tone="warn">Copy the dialer key now. It is shown only this once.</Notice>
              <div className="secret-box">
                <code data-testid="wizard-key">{answer.apiKey.key}</code>
                <Button size="sm" onClick={() => void navigator.clipboard?.writeText(answer.apiKey!.key)}>
                  Copy
                </Button>
              </div>
            </>
          ) : (
            <Notice>No API key was made; create one under API keys when a dialer is ready.</Notice>
          )}
          <div className="form-actions">
            <Button variant="primary" onClick={onOpen}>
              Open the dashboard
            </Button>
          </div>
        </div>
      </Card>
    </div>
  );
}
