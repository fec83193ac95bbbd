import { useTranslation } from 'react-i18next';
import type { WizardCreateCompanyAnswer } from '../../../../src-shared/contract/wizard';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { Notice } from '../../components/Feedback';
import { formatDigits, formatMoney } from '../../lib/format';
import { DAYS } from '../schedule/windows';
import { toInput, type WizardDraft } from './wizardState';

export function Review({ d }: { d: WizardDraft }) {
  const { t } = useTranslation();
  const input = toInput(d);
  const b = input.billing;
  const sep = t('wizard.review.listSeparator');
  const hours = input.schedule.open24x7
    ? t('wizard.review.always')
    : DAYS.map((day, i) => {
        const ws = input.schedule.windows.filter((w) => w.weekday === i);
        return ws.length ? `${day.short} ${ws.map((w) => formatDigits(`${w.start}–${w.end}`)).join(sep)}` : null;
      })
        .filter(Boolean)
        .join(' · ');
  const rows: [string, string][] = [
    [t('wizard.review.company'), `${d.name} (${d.slug})`],
    [t('wizard.review.zone'), `${d.timezone} · ${d.currency}`],
    [t('wizard.review.hours'), hours || t('wizard.review.closed')],
    [
      t('wizard.review.exceptions'),
      input.schedule.exceptions.length ? input.schedule.exceptions.map((x) => formatDigits(x.date)).join(sep) : t('wizard.review.none'),
    ],
    [
      t('wizard.review.price'),
      b.billingMode === 'per_call'
        ? t('wizard.review.perCall', { price: formatMoney(b.costPerBillable, d.currency) })
        : t('wizard.review.perMinute', { price: formatMoney(b.costPerMinute, d.currency) }),
    ],
    [t('wizard.review.opening'), formatMoney(b.openingBalance, d.currency)],
    [t('wizard.review.warning'), b.lowBalanceThreshold ? formatMoney(b.lowBalanceThreshold, d.currency) : t('wizard.review.none')],
    [t('wizard.review.lines'), input.outboundLines.map((l) => `${l.name} ${l.phone}`).join(sep) || t('wizard.review.noneYet')],
    [t('wizard.review.scenarios'), input.scenarios.map((s) => `${s.name} (${s.key})`).join(sep) || t('wizard.review.noneYet')],
    [
      t('wizard.review.key'),
      input.apiKey
        ? t('wizard.review.keyFor', {
            name: input.apiKey.name,
            scopes: input.apiKey.scopes.map((s) => t(`apiKeys.scopes.${s}`)).join(t('wizard.review.and')),
          })
        : t('wizard.review.none'),
    ],
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
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('wizard.done.title', { name: answer.company.name })} description={t('wizard.done.lead')} />
      <Card>
        <div className="form">
          {answer.apiKey ? (
            <>
              <Notice tone="warn">{t('wizard.done.copyKey')}</Notice>
              <div className="secret-box">
                <code data-testid="wizard-key">{answer.apiKey.key}</code>
                <Button size="sm" onClick={() => void navigator.clipboard?.writeText(answer.apiKey!.key)}>
                  {t('common.copy')}
                </Button>
              </div>
            </>
          ) : (
            <Notice>{t('wizard.done.noKey')}</Notice>
          )}
          <div className="form-actions">
            <Button variant="primary" onClick={onOpen}>
              {t('wizard.done.open')}
            </Button>
          </div>
        </div>
      </Card>
    </div>
  );
}
