import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { FormDialog } from '../../components/Dialog';
import { Field, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

/** A company file another console exported: its setup (no numbers, results, money or users). */
export function ImportCompanyDialog({ onClose, onImported }: { onClose(): void; onImported(c: CompanyDto): void }) {
  const [file, setFile] = useState<File | null>(null);
  const [slug, setSlug] = useState('');
  const [name, setName] = useState('');
  const run = useAction(async () => {
    if (!file) throw new Error('Choose the company file first.');
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
        `${answer.company.name} imported: ${c.scenarios} scenarios, ${c.outboundLines} lines, ${c.agents} agents, ${c.inboundNumbers} inbound numbers`,
      );
      onImported(answer.company);
    }
  };
  return (
    <FormDialog
      open
      title="Import a company file"
      onClose={onClose}
      onSubmit={submit}
      submitLabel="Import"
      busy={run.busy}
      error={run.error}
    >
      <p className="muted">
        The file carries the company's setup: scenarios, lines, agents, hours, AI agents and inbound numbers. Numbers, results, the wallet,
        users and API keys stay behind.
      </p>
      <Field label="Company file">
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
        label="Slug here (optional)"
        value={slug}
        onChange={(e) => setSlug(e.target.value)}
        maxLength={40}
        hint="Needed only when the file's slug is already taken on this desk."
      />
      <TextField
        label="Name here (optional)"
        value={name}
        maxLength={120}
        onChange={(e) => setName(e.target.value)}
        hint="Needed only when a company on this desk has the file's name: two companies never share one."
      />
    </FormDialog>
  );
}
