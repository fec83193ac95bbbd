import { useState, type FormEvent } from 'react';
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
  const [kind, setKind] = useState<'topup' | 'adjust'>('topup');
  const [amount, setAmount] = useState('');
  const [direction, setDirection] = useState<'add' | 'remove'>('add');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const cur = company.currency;

  const confirm = useConfirm();
  const checkBalance = useAction(() => api.call('companies.get', { companyId: company.id }));
  useUnsavedGuard(amount.trim() !== '' || note.trim() !== '');
  const save = useAction(async (minor: number) => {
    const moved =
      kind === 'topup'
        ? await api.call('billing.topup', { companyId: company.id, amount: minor, ...(note.trim() && { note: note.trim() }) })
        : await api.call('billing.adjust', { companyId: company.id, amount: direction === 'add' ? minor : -minor, note: note.trim() });
    return moved;
  });

  const send = async (minor: number) => {
    const moved = await save.run(minor);
    if (moved) {
      toast(`${kind === 'topup' ? 'Topped up' : 'Adjusted'}: the balance is now ${formatMoney(moved.balance, moved.currency)}`);
      setAmount('');
      setNote('');
      onDone();
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const minor = parseMoney(amount, cur);
    if (minor === null || minor <= 0) return setProblem(`Enter an amount in ${cur} greater than zero, e.g. 50 or 12.50.`);
    if (kind === 'adjust' && !note.trim()) return setProblem('Say why the balance is adjusted: it goes into the ledger.');
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
      title: `${signed < 0 ? 'Take' : 'Add'} ${formatMoney(minor, cur)}?`,
      body: (
        <>
          {warnings.includes('large') && (
            <p>
              This is more than {formatInt(LARGE_MOVE_CALLS)} calls' worth at {company.name}'s price. Check the amount: a slipped digit is
              the usual cause.
            </p>
          )}
          {warnings.includes('below_zero') && <p>This takes the wallet below zero: dialing stops until it is topped up.</p>}
          <p>
            The balance goes from <strong>{formatMoney(fresh.walletBalance, cur)}</strong> to <strong>{formatMoney(after, cur)}</strong>.
          </p>
        </>
      ),
      confirmLabel: `${signed < 0 ? 'Take' : 'Add'} ${formatMoney(minor, cur)}`,
      danger: true,
      run: () => send(minor),
    });
  };

  return (
    <Card title="Add money" subtitle="Every move is a ledger entry that cannot be edited.">
      <form className="form" onSubmit={submit}>
        {(problem ?? save.error ?? checkBalance.error) && <ErrorNote message={(problem ?? save.error ?? checkBalance.error)!} />}
        <div className="segmented" role="group" aria-label="Kind of entry">
          <button type="button" aria-pressed={kind === 'topup'} onClick={() => setKind('topup')}>
            Top-up
          </button>
          <button type="button" aria-pressed={kind === 'adjust'} onClick={() => setKind('adjust')}>
            Adjustment
          </button>
        </div>
        <div className="form-row">
          {kind === 'adjust' && (
            <SelectField label="Direction" value={direction} onChange={(e) => setDirection(e.target.value as 'add' | 'remove')}>
              <option value="add">Add to the balance</option>
              <option value="remove">Take from the balance</option>
            </SelectField>
          )}
          <MoneyField label="Amount" currency={cur} value={amount} onChange={setAmount} />
        </div>
        <TextField
          label={kind === 'adjust' ? 'Reason' : 'Note (optional)'}
          value={note}
          maxLength={500}
          onChange={(e) => setNote(e.target.value)}
          placeholder={kind === 'adjust' ? 'Refund for the dropped calls on 3 March' : 'Invoice 2026-031'}
        />
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={save.busy}>
            {kind === 'topup' ? 'Top up' : 'Record adjustment'}
          </Button>
        </div>
      </form>
      {confirm.dialog}
    </Card>
  );
}
