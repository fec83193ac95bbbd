import type { Department } from '../../../../src-shared/contract';
import { Button } from '../../components/Button';

/** Rows of name / transfer number / description; the AI agent offers these to callers. */
export function DepartmentsEditor({ value, onChange }: { value: Department[]; onChange(v: Department[]): void }) {
  const set = (i: number, patch: Partial<Department>) => onChange(value.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="departments">
      <legend>Departments</legend>
      {value.length === 0 && <p className="muted small">No departments: the AI agent can only transfer to the support number.</p>}
      {value.map((d, i) => (
        <div className="department-row" key={i}>
          <input
            className="input"
            aria-label={`Department ${i + 1} name`}
            placeholder="Sales"
            value={d.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            className="input"
            aria-label={`Department ${i + 1} transfer number`}
            placeholder="+49 30 1234567"
            inputMode="tel"
            value={d.transferNumber}
            onChange={(e) => set(i, { transferNumber: e.target.value })}
          />
          <input
            className="input"
            aria-label={`Department ${i + 1} description`}
            placeholder="new orders and quotes"
            value={d.description}
            onChange={(e) => set(i, { description: e.target.value })}
          />
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={`Remove department ${i + 1}`}
          >
            Remove
          </Button>
        </div>
      ))}
      {value.length < 20 && (
        <Button size="sm" onClick={() => onChange([...value, { name: '', transferNumber: '', description: '', hours: [] }])}>
          Add department
        </Button>
      )}
    </fieldset>
  );
}
