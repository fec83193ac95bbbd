import { useState } from 'react';
import type { CompanyDto, ScenarioDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Notice } from '../../components/Feedback';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextAreaField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

export function ScenariosPage({ company }: { company: CompanyDto }) {
  const list = useQuery(() => api.call('scenarios.list', { companyId: company.id }), [company.id]);
  const activeCount = list.data?.filter((s) => s.isActive).length ?? 0;
  return (
    <OwnedRecordsPage<ScenarioDto>
      title="Scenarios"
      description="What the dialers run. A dialer names a scenario by its key; dialers may also register their own (they start inactive)."
      newLabel="New scenario"
      empty={{
        title: 'No scenarios yet',
        addLabel: 'Add a scenario',
        body: 'Dialers need at least one active scenario before they are given numbers.',
      }}
      query={list}
      canEdit={useCan('operate')}
      label={(s) => s.name}
      setActive={(s, active) =>
        active
          ? api.call('scenarios.update', { companyId: company.id, id: s.id, isActive: true })
          : api.call('scenarios.deactivate', { companyId: company.id, id: s.id })
      }
      switched={(s) => (s.isActive ? `${s.name} is active: dialers may run it` : `${s.name} is inactive`)}
      notices={
        list.data &&
        list.data.length > 0 &&
        activeCount === 0 && (
          <Notice tone="warn">No scenario is active, so dialers get no numbers for {company.name}. Activate one to start dialing.</Notice>
        )
      }
      columns={[
        { header: 'Name', cell: (s) => <strong>{s.name}</strong> },
        { header: 'Key', cell: (s) => s.key, className: 'mono' },
        { header: 'Description', cell: (s) => s.description || '—', className: 'muted clamp' },
      ]}
      dialog={(scenario, close, saved) => <ScenarioDialog companyId={company.id} scenario={scenario} onClose={close} onSaved={saved} />}
    />
  );
}

function ScenarioDialog({
  companyId,
  scenario,
  onClose,
  onSaved,
}: {
  companyId: number;
  scenario: ScenarioDto | null;
  onClose(): void;
  onSaved(): void;
}) {
  const [key, setKey] = useState(scenario?.key ?? '');
  const [name, setName] = useState(scenario?.name ?? '');
  const [description, setDescription] = useState(scenario?.description ?? '');
  const [isActive, setIsActive] = useState(scenario?.isActive ?? true);
  const save = useAction(() =>
    scenario
      ? api.call('scenarios.update', { companyId, id: scenario.id, name, description, isActive })
      : api.call('scenarios.create', { companyId, key, name, description, isActive }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(`${saved.name} saved`);
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={scenario ? `Edit ${scenario.name}` : 'New scenario'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={scenario ? 'Save' : 'Add scenario'}
      busy={save.busy}
      error={save.error}
    >
      <TextField label="Name" maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField
        label="Key"
        value={key}
        disabled={!!scenario}
        className="mono-input"
        onChange={(e) => setKey(e.target.value.toLowerCase())}
        hint={
          scenario
            ? 'Dialers know the scenario by this key; it cannot change.'
            : 'What the dialer sends: lowercase letters, digits, _ or -, e.g. sales_q3.'
        }
      />
      <TextAreaField label="Description" value={description} onChange={(e) => setDescription(e.target.value)} rows={3} />
      <CheckboxField label="Active: dialers may run it" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
