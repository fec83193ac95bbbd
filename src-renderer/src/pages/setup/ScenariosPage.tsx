import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
  const list = useQuery(() => api.call('scenarios.list', { companyId: company.id }), [company.id]);
  const activeCount = list.data?.filter((s) => s.isActive).length ?? 0;
  return (
    <OwnedRecordsPage<ScenarioDto>
      title={t('nav.pages.scenarios')}
      description={t('scenarios.lead')}
      newLabel={t('scenarios.new')}
      empty={{ title: t('scenarios.emptyTitle'), addLabel: t('scenarios.emptyAdd'), body: t('scenarios.emptyBody') }}
      query={list}
      canEdit={useCan('operate')}
      label={(s) => s.name}
      setActive={(s, active) =>
        active
          ? api.call('scenarios.update', { companyId: company.id, id: s.id, isActive: true })
          : api.call('scenarios.deactivate', { companyId: company.id, id: s.id })
      }
      switched={(s) => (s.isActive ? t('scenarios.switchedOn', { name: s.name }) : t('common.isInactive', { name: s.name }))}
      notices={
        list.data &&
        list.data.length > 0 &&
        activeCount === 0 && <Notice tone="warn">{t('scenarios.noneActive', { company: company.name })}</Notice>
      }
      columns={[
        { header: t('scenarios.name'), cell: (s) => <strong>{s.name}</strong> },
        { header: t('scenarios.key'), cell: (s) => s.key, className: 'mono' },
        { header: t('scenarios.description'), cell: (s) => s.description || '—', className: 'muted clamp' },
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
  const { t } = useTranslation();
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
      toast(t('common.saved', { name: saved.name }));
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={scenario ? t('common.editLabel', { name: scenario.name }) : t('scenarios.new')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={scenario ? t('common.save') : t('scenarios.add')}
      busy={save.busy}
      error={save.error}
    >
      <TextField label={t('scenarios.name')} maxLength={120} value={name} onChange={(e) => setName(e.target.value)} autoFocus required />
      <TextField
        label={t('scenarios.key')}
        value={key}
        maxLength={64}
        required
        disabled={!!scenario}
        className="mono-input"
        onChange={(e) => setKey(e.target.value.toLowerCase())}
        hint={scenario ? t('scenarios.keyFixed') : t('scenarios.keyHint')}
      />
      <TextAreaField
        label={t('scenarios.description')}
        maxLength={2000}
        value={description}
        onChange={(e) => setDescription(e.target.value)}
        rows={3}
      />
      <CheckboxField label={t('scenarios.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
    </FormDialog>
  );
}
