import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const set = (patch: Partial<CallFilterState>) => setDraft((d) => ({ ...d, ...patch }));
  const submit = (e: FormEvent) => {
    e.preventDefault();
    onApply(draft);
  };
  return (
    <form className="filters" onSubmit={submit} aria-label={t('calls.filters.label')}>
      <DateField label={t('common.from')} value={draft.from} onChange={(e) => set({ from: e.target.value })} />
      <DateField label={t('common.to')} value={draft.to} onChange={(e) => set({ to: e.target.value })} />
      <StatusPicker value={draft.status} onChange={(status) => set({ status })} />
      <SelectField label={t('calls.filters.scenario')} value={draft.scenarioId} onChange={(e) => set({ scenarioId: e.target.value })}>
        <option value="">{t('calls.filters.anyScenario')}</option>
        {scenarios.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
          </option>
        ))}
        <option value="0">{t('calls.filters.none')}</option>
      </SelectField>
      <SelectField label={t('calls.filters.line')} value={draft.outboundLineId} onChange={(e) => set({ outboundLineId: e.target.value })}>
        <option value="">{t('calls.filters.anyLine')}</option>
        {lines.map((l) => (
          <option key={l.id} value={l.id}>
            {l.name} ({l.phone})
          </option>
        ))}
        <option value="0">{t('calls.filters.none')}</option>
      </SelectField>
      <SelectField label={t('calls.filters.agent')} value={draft.agentId} onChange={(e) => set({ agentId: e.target.value })}>
        <option value="">{t('calls.filters.anyAgent')}</option>
        {agents.map((a) => (
          <option key={a.id} value={a.id}>
            {a.name}
          </option>
        ))}
        <option value="0">{t('calls.filters.none')}</option>
      </SelectField>
      <SelectField
        label={t('calls.filters.direction')}
        value={draft.direction}
        onChange={(e) => set({ direction: e.target.value as CallFilterState['direction'] })}
      >
        <option value="">{t('calls.filters.both')}</option>
        <option value="outbound">{t('calls.filters.outbound')}</option>
        <option value="inbound">{t('calls.filters.inbound')}</option>
      </SelectField>
      <TextField
        label={t('calls.filters.phone')}
        value={draft.phone}
        maxLength={40}
        inputMode="tel"
        placeholder={t('calls.filters.phonePlaceholder')}
        onChange={(e) => set({ phone: e.target.value })}
      />
      <div className="filters-actions">
        <Button type="submit" variant="primary">
          {t('common.apply')}
        </Button>
        <Button onClick={() => onApply(EMPTY_FILTERS)}>{t('common.reset')}</Button>
      </div>
    </form>
  );
}
