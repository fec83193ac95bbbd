import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { formatInt } from '../../lib/format';

/** A company file another console exported: its setup (no numbers, results, money or users). */
export function ImportCompanyDialog({ onClose, onImported }: { onClose(): void; onImported(c: CompanyDto): void }) {
  const { t } = useTranslation();
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const run = useAction(async () => {
    if (!file) throw new Error(t('companies.import.chooseFirst'));
    const content = await file.text();
    return api.call('transfer.importCompany', {
      content,
      ...(slug.trim() && { slug: slug.trim() }),
      ...(name.trim() && { name: name.trim() }),
    });
  });
  const submit = async () => {
    const answer = await run.run();
    if (answer) {
      const c = answer.counts;
      toast(
        t('companies.import.done', {
          name: answer.company.name,
          scenarios: formatInt(c.scenarios),
          lines: formatInt(c.outboundLines),
          agents: formatInt(c.agents),
          inbound: formatInt(c.inboundNumbers),
        }),
      );
      onImported(answer.company);
    }
  };
  return (
    <FormDialog
      open
      title={t('companies.import.title')}
      onClose={onClose}
      onSubmit={submit}
      submitLabel={t('companies.import.submit')}
      busy={run.busy}
      error={run.error}
    >
      <p className="muted">{t('companies.import.lead')}</p>
      <Field label={t('companies.import.file')}>
        {(id, d) => (
          <input
            id={id}
            aria-describedby={d}
            className="input input-file"
            type="file"
            accept=".json,application/json"
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        )}
      </Field>
      <TextField
        label={t('companies.import.slug')}
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        maxLength={40}
        hint={t('companies.import.slugHint')}
      />
      <TextField
        label={t('companies.import.name')}
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
        hint={t('companies.import.nameHint')}
      />
    </FormDialog>
  );
}
