import { Button } from '../../components/Button';
import type { StepProps } from './Steps';

/** The first outbound lines and scenarios, as editable rows; empty rows are ignored. */
export function StepSetup({ d, set }: StepProps) {
  const line = (i: number, patch: Partial<WizardLine>) => set({ lines: d.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const scen = (i: number, patch: Partial<WizardScenario>) =>
    set({ scenarios: d.scenarios.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <div className="form">
      <fieldset className="fieldset-box">
        <legend>Outbound lines</legend>
        {d.lines.map((l, i) => (
          <div className="rows-3" key={i}>
            <input
              className="input"
              aria-label={`Line ${i + 1} name`}
              placeholder="Main trunk"
              value={l.name}
              onChange={(e) => line(i, { name: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Line ${i + 1} phone`}
              placeholder="+98 21 1234 5678"
              inputMode="tel"
              value={l.phone}
              onChange={(e) => line(i, { phone: e.target.value })}
            />
            <input
              className="input"
              aria-label={`Line ${i + 1} country`}
              placeholder="IR"
              maxLength={2}
              value={l.region}
              onChange={(e) => line(i, { region: e.target.value.toUpperCase() })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => set({ lines: d.lines.filter((_, j) => j !== i) })}
              aria-label={`Remove line ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button size="sm" onClick={() => set({ lines: [...d.lines, { phone: '', name: '', region: '' }] })}>
          Add line
        </Button>
      </fieldset>
      <fieldset className="fieldset-box">
        <legend>Scenarios</legend>
        {d.scenarios.map((s, i) => (
          <div className="rows-3" key={i}>
            <input
              className="input"
              aria-label={`Scenario ${i + 1} name`}
              placeholder="Spring campaign"
              value={s.name}
              onChange={(e) => scen(i, { name: e.target.value })}
            />
            <input
              className="input mono"
              aria-label={`Scenario ${i + 1} key`}
              placeholder="spring_2026"
              value={s.key}
              onChange={(e) => scen(i, { key: e.target.value.toLowerCase() })}
            />
            <input
              className="input"
              aria-label={`Scenario ${i + 1} description`}
              placeholder="optional"
              value={s.description}
              onChange={(e) => scen(i, { description: e.target.value })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => set({ scenarios: d.scenarios.filter((_, j) => j !== i) })}
              aria-label={`Remove scenario ${i + 1}`}
            >
              Remove
            </Button>
          </div>
        ))}
        <Button size="sm" onClick={() => set({ scenarios: [...d.scenarios, { key: '', name: '', description: '' }] })}>
          Add scenario
        </Button>
      </fieldset>
      <p className="muted small">Dialers can also register scenarios themselves later; those start inactive.</p>
    </div>
  );
}

type WizardLine = StepProps['d']['lines'][number];
type WizardScenario = StepProps['d']['scenarios'][number];
