import { useState } from 'react';
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
  const list = useQuery(() => api.call('lines.list', { companyId: company.id }), [company.id]);
  return (
    <OwnedRecordsPage<OutboundLineDto>
      title="Outbound lines"
      description="The caller IDs and trunks dialers call from. Dialers receive the active ones with every batch."
      newLabel="New line"
      empty={{
        title: 'No outbound lines yet',
        addLabel: 'Add a line',
        body: 'Add the phone numbers your dialers present to the people they call.',
      }}
      query={list}
      canEdit={useCan('operate')}
      label={(l) => l.name}
      setActive={(l, active) =>
        active
          ? api.call('lines.update', { companyId: company.id, id: l.id, isActive: true })
          : api.call('lines.deactivate', { companyId: company.id, id: l.id })
      }
      columns={[
        { header: 'Name', cell: (l) => <strong>{l.name}</strong> },
        { header: 'Phone', cell: (l) => l.phone, className: 'mono' },
        { header: 'Added', cell: (l) => formatDate(l.createdAt, company.timezone) },
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
      toast(`${saved.name} saved as ${saved.phone}`);
      onSaved();
    }
  };
  return (
    <FormDialog
      open
      title={line ? `Edit ${line.name}` : 'New outbound line'}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={line ? 'Save' : 'Add line'}
      busy={save.busy}
      error={save.error}
    >
      <TextField
        label="Name"
        maxLength={120}
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoFocus
        required
        hint="How supervisors know it, e.g. “Berlin trunk 1”."
      />
      <div className="form-row">
        <TextField
          label="Phone number"
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
          inputMode="tel"
          required
          hint="International (+49 30 …) or national with a country."
        />
        <TextField
          label="Country (if national)"
          value={region}
          maxLength={2}
          onChange={(e) => setRegion(e.target.value.toUpperCase())}
          placeholder="DE"
        />
      </div>
      {line && (
        <CheckboxField label="Active: dialers may call from it" checked={isActive} onChange={(e) => setIsActive(e.target.checked)} />
      )}
    </FormDialog>
  );
}
