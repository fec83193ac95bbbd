import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { DateField } from '../../components/Field';
import { formatInt, formatLocalDate, formatMoney } from '../../lib/format';
import { deliverFile } from '../../lib/savedFile';
import { localToday } from '../dashboard/range';

/** A month of the wallet as CSV: opening balance, every entry, closing balance. */
export function StatementCard({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(localToday(company.timezone).slice(0, 7));
  const [last, setLast] = useState<string | null>(null);
  const run = useAction(
    async () => {
      const answer = await api.call('billing.statementCsv', { companyId: company.id, month });
      const shownMonth = formatLocalDate(answer.month, 'month');
      deliverFile(answer, t('billing.statement.file', { month: shownMonth }));
      if (!answer.cancelled) {
        setLast(
          t('billing.statement.done', {
            month: shownMonth,
            opening: formatMoney(answer.openingBalance, answer.currency),
            entries: formatInt(answer.entries),
            closing: formatMoney(answer.closingBalance, answer.currency),
          }),
        );
      }
    },
    { fields: ['month'] },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run.run();
  };
  return (
    <Card title={t('billing.statement.title')} subtitle={t('billing.statement.lead', { timezone: company.timezone })}>
      <form className="form" onSubmit={submit}>
        {run.error && <ErrorNote message={run.error} />}
        <div className="form-row align-end">
          <DateField
            label={t('billing.statement.month')}
            type="month"
            min="2000-01"
            max="2199-12"
            maxLength={7}
            value={month}
            onChange={(e) => setMonth(e.target.value)}
            error={run.fieldErrors.month}
            required
          />
          <Button type="submit" busy={run.busy}>
            {t('billing.statement.submit')}
          </Button>
        </div>
        {last && <p className="muted small">{last}</p>}
      </form>
    </Card>
  );
}
