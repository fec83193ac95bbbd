import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { MoneyField } from '../../components/MoneyInput';
import { toast } from '../../components/Toaster';
import { useConfirm } from '../../components/Confirm';
import { formatInt, formatMoney, parseMoney } from '../../lib/format';
import { useUnsavedGuard } from '../../lib/guard';
import { LARGE_MOVE_CALLS, moneyMoveWarnings } from '../../../../src-shared/contract/billing';

/** Money in (a top-up) or a correction either way (an adjustment, which needs a reason). */
export function TopUpCard({ company, onDone }: { company: CompanyDto; onDone(): void }) {
  const { t } = useTranslation();
  const [kind, setKind] = useState<'topup' | 'adjust'>('topup');
  const [amount, setAmount] = useState('');
  const [direction, setDirection] = useState<'add' | 'remove'>('add');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const cur = company.currency;

  const confirm = useConfirm();
  const checkBalance = useAction(() => api.call('companies.get', { companyId: company.id }));
  useUnsavedGuard(amount.trim() !== '' || note.trim() !== '');
  const save = useAction(
    async (minor: number) => {
      const moved =
        kind === 'topup'
          ? await api.call('billing.topup', { companyId: company.id, amount: minor, ...(note.trim() && { note: note.trim() }) })
          : await api.call('billing.adjust', { companyId: company.id, amount: direction === 'add' ? minor : -minor, note: note.trim() });
      return moved;
    },
    { fields: ['amount', 'note'] },
  );

  const send = async (minor: number) => {
    const moved = await save.run(minor);
    if (moved) {
      toast(t(kind === 'topup' ? 'billing.topUp.done' : 'billing.topUp.adjusted', { balance: formatMoney(moved.balance, moved.currency) }));
      setAmount('');
      setNote('');
      onDone();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minor = parseMoney(amount, cur);
    if (minor === null || minor <= 0) return setProblem(t('billing.topUp.badAmount', { currency: cur }));
    if (kind === 'adjust' && !note.trim()) return setProblem(t('billing.topUp.noReason'));
    setProblem(null);
    const signed = kind === 'adjust' && direction === 'remove' ? -minor : minor;
    // the balance as it is now (calls move it all the time), not as the page loaded it
    const fresh = await checkBalance.run();
    if (!fresh) return;
    const price = fresh.billingMode === 'per_minute' ? fresh.costPerMinute : fresh.costPerBillable;
    const warnings = moneyMoveWarnings({ balance: fresh.walletBalance, amount: signed, pricePerCall: price });
    if (warnings.length === 0) return send(minor);
    const after = fresh.walletBalance + signed;
    confirm.ask({
      title: t(signed < 0 ? 'billing.topUp.askTake' : 'billing.topUp.askAdd', { amount: formatMoney(minor, cur) }),
      body: (
        <>
          {warnings.includes('large') && <p>{t('billing.topUp.large', { calls: formatInt(LARGE_MOVE_CALLS), company: company.name })}</p>}
          {warnings.includes('below_zero') && <p>{t('billing.topUp.belowZero')}</p>}
          <p>
            <Trans
              i18nKey="billing.topUp.goes"
              values={{ from: formatMoney(fresh.walletBalance, cur), to: formatMoney(after, cur) }}
              components={{ b: <strong /> }}
            />
          </p>
        </>
      ),
      confirmLabel: t(signed < 0 ? 'billing.topUp.take' : 'billing.topUp.add', { amount: formatMoney(minor, cur) }),
      danger: true,
      run: () => send(minor),
    });
  };

  return (
    <Card title={t('billing.topUp.title')} subtitle={t('billing.topUp.lead')}>
      <form className="form" onSubmit={submit}>
        {(problem ?? save.error ?? checkBalance.error) && <ErrorNote message={(problem ?? save.error ?? checkBalance.error)!} />}
        <div className="segmented" role="group" aria-label={t('billing.topUp.kind')}>
          <button type="button" aria-pressed={kind === 'topup'} onClick={() => setKind('topup')}>
            {t('billing.topUp.topup')}
          </button>
          <button type="button" aria-pressed={kind === 'adjust'} onClick={() => setKind('adjust')}>
            {t('billing.topUp.adjustment')}
          </button>
        </div>
        <div className="form-row">
          {kind === 'adjust' && (
            <SelectField
              label={t('billing.topUp.direction')}
              value={direction}
              onChange={(e) => setDirection(e.target.value as 'add' | 'remove')}
            >
              <option value="add">{t('billing.topUp.addTo')}</option>
              <option value="remove">{t('billing.topUp.takeFrom')}</option>
            </SelectField>
          )}
          <MoneyField
            label={t('billing.topUp.amount')}
            currency={cur}
            value={amount}
            onChange={setAmount}
            error={save.fieldErrors.amount}
          />
        </div>
        <TextField
          label={kind === 'adjust' ? t('billing.topUp.reason') : t('billing.topUp.note')}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          placeholder={kind === 'adjust' ? t('billing.topUp.reasonPlaceholder') : t('billing.topUp.notePlaceholder')}
          error={save.fieldErrors.note}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.busy}>
            {kind === 'topup' ? t('billing.topUp.submitTopUp') : t('billing.topUp.submitAdjust')}
          </Button>
        </div>
      </form>
      {confirm.dialog}
    </Card>
  );
}
