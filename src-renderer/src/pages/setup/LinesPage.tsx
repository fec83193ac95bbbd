import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, OutboundLineDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { OwnedRecordsPage } from '../../components/OwnedRecordsPage';
import { FormDialog } from '../../components/Dialog';
import { CheckboxField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { formatDate } from '../../lib/format';
import { useCan } from '../../lib/useCan';

export function LinesPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const list = useQuery(() => api.call('lines.list', { companyId: company.id }), [company.id]);
  return (
    <OwnedRecordsPage<OutboundLineDto>
      title={t('nav.pages.lines')}
      description={t('lines.lead')}
      newLabel={t('lines.new')}
      empty={{ title: t('lines.emptyTitle'), addLabel: t('lines.emptyAdd'), body: t('lines.emptyBody') }}
      query={list}
      canEdit={useCan('operate')}
      label={(l) => l.name}
      setActive={(l, active) =>
        active
          ? api.call('lines.update', { companyId: company.id, id: l.id, isActive: true })
          : api.call('lines.deactivate', { companyId: company.id, id: l.id })
      }
      columns={[
        { header: t('lines.name'), cell: (l) => <strong>{l.name}</strong> },
        { header: t('lines.phone'), cell: (l) => l.phone, className: 'mono' },
        { header: t('lines.added'), cell: (l) => formatDate(l.createdAt, company.timezone) },
      ]}
      dialog={(line, close, saved) => <LineDialog companyId={company.id} line={line} onClose={close} onSaved={saved} />}
    />
  );
}

function LineDialog({
  companyId,
  line,
  onClose,
  onSaved,
}: {
  companyId: number;
  line: OutboundLineDto | null;
  onClose(): void;
  onSaved(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState(line?.name ?? '');
  const [phone, setPhone] = useState(line?.phone ?? '');
  const [region, setRegion] = useState('');
  const [isActive, setIsActive] = useState(line?.isActive ?? true);
  const regionArg = region.trim() ? { region: region.trim().toUpperCase() } : {};
  const save = useAction(() =>
    line
      ? api.call('lines.update', { companyId, id: line.id, name, ...(phone !== line.phone && { phone, ...regionArg }), isActive })
      : api.call('lines.create', { companyId, name, phone, ...regionArg }),
  );
  const submit = async () => {
    const saved = await save.run();
    if (saved) {
      toast(t('lines.savedAs', { name: saved.name, phone: saved.phone }));
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={line ? t('common.editLabel', { name: line.name }) : t('lines.newTitle')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={line ? t('common.save') : t('lines.add')}
      busy={save.busy}
      error={save.error}
    >
      <TextField
        label={t('lines.name')}
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
        required
        hint={t('lines.nameHint')}
      />
      <div className="form-row">
        <TextField
          label={t('lines.phoneNumber')}
          value={phone}
          maxLength={40}
          onChange={(e) => setPhone(e.target.value)}
          inputMode="tel"
          required
          hint={t('lines.phoneHint')}
        />
        <TextField
          label={t('lines.country')}
          value={region}
          maxLength={2}
          onChange={(e) => setRegion(e.target.value.toUpperCase())}
          placeholder="DE"
        />
      </div>
      {line && <CheckboxField label={t('lines.active')} checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />}
    </FormDialog>
  );
}
