import { useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDigits } from '../../lib/format';
import type { ScheduleException } from '../../../../src-shared/contract/schedule';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/Feedback';
import { DateInput } from '../../components/Field';

/** Dates that differ from the week: holidays (closed) or special hours. */
export function ExceptionsEditor({
  value,
  editable,
  onChange,
}: {
  value: ScheduleException[];
  editable: boolean;
  onChange(v: ScheduleException[]): void;
}) {
  const { t } = useTranslation();
  const [date, setDate] = useState('');
  const [closed, setClosed] = useState(true);
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('14:00');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const sorted = [...value].sort((a, b) => a.date.localeCompare(b.date));

  // not a <form>: the editor also lives inside the wizard's form, and forms cannot nest
  const add = () => {
    if (!date) return setProblem(t('schedule.problems.pickDate'));
    if (value.some((x) => x.date === date)) return setProblem(t('schedule.problems.taken', { date: formatDigits(date) }));
    if (!closed && start >= end) return setProblem(t('schedule.problems.specialOrder'));
    setProblem(null);
    onChange([...value, { date, closed, ...(closed ? {} : { start, end }), ...(note.trim() && { note: note.trim() }) }]);
    setDate('');
    setNote('');
  };

  const onEnter = (e: KeyboardEvent) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName === 'INPUT') {
      e.preventDefault();
      e.stopPropagation();
      add();
    }
  };

  return (
    <div className="exceptions">
      {sorted.length === 0 ? (
        <EmptyState title={t('schedule.exception.none')}>{t('schedule.exception.noneBody')}</EmptyState>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>{t('schedule.exception.date')}</th>
              <th>{t('schedule.exception.hours')}</th>
              <th>{t('schedule.exception.note')}</th>
              {editable && (
                <th className="actions-col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sorted.map((x) => (
              <tr key={x.date}>
                <td className="tabular">{formatDigits(x.date)}</td>
                <td>{x.closed ? <strong>{t('schedule.exception.closedAllDay')}</strong> : formatDigits(`${x.start}–${x.end}`)}</td>
                <td>{x.note || <span className="muted">—</span>}</td>
                {editable && (
                  <td className="actions-col">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => onChange(value.filter((y) => y.date !== x.date))}
                      aria-label={t('schedule.exception.remove', { date: formatDigits(x.date) })}
                    >
                      {t('common.remove')}
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <div className="exception-add" role="group" aria-label={t('schedule.exception.add')} onKeyDown={onEnter}>
          <label className="field">
            <span className="field-label">{t('schedule.exception.date')}</span>
            <DateInput value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">{t('schedule.exception.thatDay')}</span>
            <select className="input" value={closed ? 'closed' : 'hours'} onChange={(e) => setClosed(e.target.value === 'closed')}>
              <option value="closed">{t('schedule.exception.closedAllDay')}</option>
              <option value="hours">{t('schedule.exception.special')}</option>
            </select>
          </label>
          {!closed && (
            <>
              <label className="field">
                <span className="field-label">{t('schedule.exception.opens')}</span>
                <input className="input" type="time" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label className="field">
                <span className="field-label">{t('schedule.exception.closes')}</span>
                <input className="input" type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
            </>
          )}
          <label className="field grow">
            <span className="field-label">{t('schedule.exception.note')}</span>
            <input
              className="input"
              value={note}
              maxLength={200}
              placeholder={t('schedule.exception.notePlaceholder')}
              onChange={(e) => setNote(e.target.value)}
            />
          </label>
          <Button onClick={add}>{t('schedule.exception.submit')}</Button>
          {problem && <div className="field-error full">{problem}</div>}
        </div>
      )}
    </div>
  );
}
