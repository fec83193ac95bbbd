import { useEffect, useState, type FormEvent } from 'react';
import type { AgentDto, OutboundLineDto, ScenarioDto } from '../../../../src-shared/contract';
import { Button } from '../../components/Button';
import { DateField, SelectField, TextField } from '../../components/Field';
import { EMPTY_FILTERS, type CallFilterState } from './callQuery';
import { StatusPicker } from './StatusPicker';

interface Props {
  value: CallFilterState;
  scenarios: ScenarioDto[];
  lines: OutboundLineDto[];
  agents: AgentDto[];
  onApply(f: CallFilterState): void;
}

/** The filter bar: edits stay local until Apply (or Enter), so typing a phone does not refetch per key. */
export function CallFilters({ value, scenarios, lines, agents, onApply }: Props) {
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const set = (patch: Partial<CallFilterState>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label="Call filters">
      <DateField label="From" value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      <DateField label="To" value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      <StatusPicker value={draft.status} onChange={(status) => set({ status })} />
      <SelectField label="Scenario" value={draft.scenarioId} onChange={(e) => set({ scenarioId: e.target.value })}>
        <option value="">Any scenario</option>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        <option value="0">— none</option>
      </SelectField>
      <SelectField label="Line" value={draft.outboundLineId} onChange={(e) => set({ outboundLineId: e.target.value })}>
        <option value="">Any line</option>
        {lines.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.phone})
          </option>
        ))}
        <option value="0">— none</option>
      </SelectField>
      <SelectField label="Agent" value={draft.agentId} onChange={(e) => set({ agentId: e.target.value })}>
        <option value="">Any agent</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
        <option value="0">— none</option>
      </SelectField>
      <SelectField
        label="Direction"
        value={draft.direction}
        onChange={(e) => set({ direction: e.target.value as CallFilterState['direction'] })}
      >
        <option value="">Both</option>
        <option value="outbound">Outbound</option>
        <option value="inbound">Inbound</option>
      </SelectField>
      <TextField
        label="Phone"
        value={draft.phone}
        inputMode="tel"
        placeholder="+49 170… or a prefix"
        onChange={(e) => set({ phone: e.target.value })}
      />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          Apply
        </Button>
        <Button onClick={() => onApply(EMPTY_FILTERS)}>Reset</Button>
      </div>
    </form>
  );
}
