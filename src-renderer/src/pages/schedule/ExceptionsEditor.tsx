import { useState, type KeyboardEvent } from 'react';
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
  const [date, setDate] = useState('');
  const [closed, setClosed] = useState(true);
  const [start, setStart] = useState('10:00');
  const [end, setEnd] = useState('14:00');
  const [note, setNote] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const sorted = [...value].sort((a, b) => a.date.localeCompare(b.date));

  // not a <form>: the editor also lives inside the wizard's form, and forms cannot nest
  const add = () => {
    if (!date) return setProblem('Pick a date.');
    if (value.some((x) => x.date === date)) return setProblem(`${date} already has an exception; remove it first.`);
    if (!closed && start >= end) return setProblem('Special hours must end after they start.');
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
        <EmptyState title="No exceptions">Add public holidays or days with special hours.</EmptyState>
      ) : (
        <table className="table compact">
          <thead>
            <tr>
              <th>Date</th>
              <th>Hours</th>
              <th>Note</th>
              {editable && (
                <th className="actions-col">
                  <span className="sr-only">Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {sorted.map((x) => (
              <tr key={x.date}>
                <td className="tabular">{x.date}</td>
                <td>{x.closed ? <strong>Closed all day</strong> : `${x.start}–${x.end}`}</td>
                <td>{x.note || <span className="muted">—</span>}</td>
                {editable && (
                  <td className="actions-col">
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => onChange(value.filter((y) => y.date !== x.date))}
                      aria-label={`Remove exception ${x.date}`}
                    >
                      Remove
                    </Button>
                  </td>
                )}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editable && (
        <div className="exception-add" role="group" aria-label="Add an exception" onKeyDown={onEnter}>
          <label className="field">
            <span className="field-label">Date</span>
            <DateInput value={date} onChange={(e) => setDate(e.target.value)} />
          </label>
          <label className="field">
            <span className="field-label">That day</span>
            <select className="input" value={closed ? 'closed' : 'hours'} onChange={(e) => setClosed(e.target.value === 'closed')}>
              <option value="closed">Closed all day</option>
              <option value="hours">Special hours</option>
            </select>
          </label>
          {!closed && (
            <>
              <label className="field">
                <span className="field-label">Opens</span>
                <input className="input" type="time" value={start} onChange={(e) => setStart(e.target.value)} />
              </label>
              <label className="field">
                <span className="field-label">Closes</span>
                <input className="input" type="time" value={end} onChange={(e) => setEnd(e.target.value)} />
              </label>
            </>
          )}
          <label className="field grow">
            <span className="field-label">Note</span>
            <input className="input" value={note} placeholder="Christmas" onChange={(e) => setNote(e.target.value)} />
          </label>
          <Button onClick={add}>Add exception</Button>
          {problem && <div className="field-error full">{problem}</div>}
        </div>
      )}
    </div>
  );
}
