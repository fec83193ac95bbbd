import { useState, type FormEvent } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { DateField } from '../../components/Field';
import { formatMoney } from '../../lib/format';
import { deliverFile } from '../../lib/savedFile';
import { localToday } from '../dashboard/range';

/** A month of the wallet as CSV: opening balance, every entry, closing balance. */
export function StatementCard({ company }: { company: CompanyDto }) {
  const [month, setMonth] = useState(localToday(company.timezone).slice(0, 7));
  const [last, setLast] = useState<string | null>(null);
  const run = useAction(async () => {
    const answer = await api.call('billing.statementCsv', { companyId: company.id, month });
    deliverFile(answer, `Statement ${answer.month}`);
    if (!answer.cancelled) {
      setLast(
        `${answer.month}: opening ${formatMoney(answer.openingBalance, answer.currency)}, ${answer.entries} entries, closing ${formatMoney(answer.closingBalance, answer.currency)}`,
      );
    }
  });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.run();
  };
  return (
    <Card title="Monthly statement" subtitle={`A CSV of one month in ${company.timezone}.`}>
      <form className="form" onSubmit={submit}>
        {run.error && <ErrorNote message={run.error} />}
        <div className="form-row align-end">
          <DateField label="Month" type="month" value={month} onChange={(e) => setMonth(e.target.value)} required />
          <Button type="submit" busy={run.busy}>
            Export statement
          </Button>
        </div>
        {last && <p className="muted small">{last}</p>}
      </form>
    </Card>
  );
}
