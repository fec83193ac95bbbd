import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import {
  MAX_RECYCLE_DELAY_MINUTES,
  MAX_RECYCLE_RETRIES,
  RECYCLABLE_STATUSES,
  type RecyclableStatus,
  type RecycleRuleDto,
} from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { ActiveBadge } from '../../components/ActiveBadge';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { useConfirm } from '../../components/Confirm';
import { FormDialog } from '../../components/Dialog';
import { EmptyState, QueryView } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

const TEXT = {
  title: 'Recycling',
  subtitle:
    'Call a number again after a status, after a delay, a few times at most. Off unless a rule is here; the rest between calls by anyone still holds.',
  add: 'New rule',
  cols: ['After', 'Wait', 'Retries at most', 'Own attempt', 'Status'],
  empty: 'No recycling',
  emptyBody: 'Each number is called once by this company, unless a callback is asked for.',
  edit: 'Edit',
  remove: 'Remove',
  yes: 'yes',
  no: 'no',
  dialogNew: 'New recycling rule',
  dialogEdit: (s: string) => `Recycling after ${s}`,
  status: 'After a call ends with',
  delay: 'Wait (minutes)',
  delayHint: `1 to ${MAX_RECYCLE_DELAY_MINUTES} minutes: 240 is 4 hours.`,
  retries: 'Retries at most',
  retriesHint: `1 to ${MAX_RECYCLE_RETRIES}, after the first call.`,
  own: 'Own attempt',
  ownHint: 'The wait replaces the rest between calls that this company’s own call started.',
  active: 'Rule is on',
  save: 'Save rule',
  saved: (s: string) => `Rule for ${s} saved`,
  removeTitle: (s: string) => `Remove the rule for ${s}?`,
  removeBody: 'Retries it has scheduled are dropped.',
  removed: (s: string) => `Rule for ${s} removed`,
  notANumber: 'Wait and retries are whole numbers.',
};

export const STATUS_LABEL: Record<RecyclableStatus, string> = {
  NO_ANSWER: 'No answer',
  BUSY: 'Busy',
  HANGUP: 'Hang-up',
  CALLBACK: 'Callback',
  ANSWERED: 'Answered',
  NOT_INTERESTED: 'Not interested',
};

const waitText = (m: number) => (m % 60 === 0 ? `${m / 60} h` : m > 60 ? `${Math.floor(m / 60)} h ${m % 60} min` : `${m} min`);

export function RecyclingCard({ company }: { company: CompanyDto }) {
  const canOperate = useCan('operate');
  const rules = useQuery(() => api.call('recycling.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<RecycleRuleDto | 'new' | null>(null);
  const confirm = useConfirm();
  const remove = (r: RecycleRuleDto) =>
    confirm.ask({
      title: TEXT.removeTitle(STATUS_LABEL[r.status]),
      body: TEXT.removeBody,
      confirmLabel: TEXT.remove,
      danger: true,
      run: async () => {
        await api.call('recycling.remove', { companyId: company.id, status: r.status });
        toast(TEXT.removed(STATUS_LABEL[r.status]));
        await rules.reload();
      },
    });

  return (
    <Card
      title={TEXT.title}
      subtitle={TEXT.subtitle}
      actions={
        canOperate && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            {TEXT.add}
          </Button>
        )
      }
    >
      <QueryView query={rules}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={TEXT.empty}>{TEXT.emptyBody}</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  {TEXT.cols.map((c) => (
                    <th key={c}>{c}</th>
                  ))}
                  <th className="actions-col">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.status} className={r.isActive ? undefined : 'is-dim'}>
                    <td>
                      <strong>{STATUS_LABEL[r.status]}</strong>
                    </td>
                    <td className="tabular">{waitText(r.delayMinutes)}</td>
                    <td className="tabular">{r.maxRetries}</td>
                    <td>{r.ownAttempt ? TEXT.yes : TEXT.no}</td>
                    <td>
                      <ActiveBadge active={r.isActive} />
                    </td>
                    <td className="actions-col">
                      {canOperate && (
                        <>
                          <Button size="sm" onClick={() => setEditing(r)} aria-label={`${TEXT.edit} ${STATUS_LABEL[r.status]}`}>
                            {TEXT.edit}
                          </Button>{' '}
                          <Button
                            size="sm"
                            variant="danger"
                            onClick={() => remove(r)}
                            aria-label={`${TEXT.remove} ${STATUS_LABEL[r.status]}`}
                          >
                            {TEXT.remove}
                          </Button>
                        </>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
      {editing && (
        <RuleDialog
          company={company}
          rule={editing === 'new' ? null : editing}
          taken={(rules.data ?? []).map((r) => r.status)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void rules.reload();
          }}
        />
      )}
      {confirm.dialog}
    </Card>
  );
}

function RuleDialog(props: {
  company: CompanyDto;
  rule: RecycleRuleDto | null;
  taken: RecyclableStatus[];
  onClose(): void;
  onSaved(): void;
}) {
  const { rule } = props;
  const free = RECYCLABLE_STATUSES.filter((s) => !props.taken.includes(s));
  const [status, setStatus] = useState<RecyclableStatus>(rule?.status ?? free[0] ?? 'NO_ANSWER');
  const [delay, setDelay] = useState(String(rule?.delayMinutes ?? 240));
  const [retries, setRetries] = useState(String(rule?.maxRetries ?? 3));
  const [own, setOwn] = useState(rule?.ownAttempt ?? false);
  const [active, setActive] = useState(rule?.isActive ?? true);
  const save = useAction(async () => {
    const delayMinutes = Number(delay);
    const maxRetries = Number(retries);
    if (delay.trim() === '' || retries.trim() === '' || Number.isNaN(delayMinutes) || Number.isNaN(maxRetries))
      throw new Error(TEXT.notANumber);
    await api.call('recycling.save', { companyId: props.company.id, status, delayMinutes, maxRetries, ownAttempt: own, isActive: active });
    toast(TEXT.saved(STATUS_LABEL[status]));
    props.onSaved();
  });
  return (
    <FormDialog
      open
      title={rule ? TEXT.dialogEdit(STATUS_LABEL[rule.status]) : TEXT.dialogNew}
      onClose={props.onClose}
      onSubmit={() => void save.run()}
      submitLabel={TEXT.save}
      busy={save.busy}
      error={save.error}
    >
      <SelectField
        label={TEXT.status}
        value={status}
        disabled={rule !== null}
        onChange={(e) => setStatus(e.target.value as RecyclableStatus)}
      >
        {(rule ? [rule.status] : free).map((s) => (
          <option key={s} value={s}>
            {STATUS_LABEL[s]}
          </option>
        ))}
      </SelectField>
      <TextField label={TEXT.delay} hint={TEXT.delayHint} inputMode="numeric" value={delay} onChange={(e) => setDelay(e.target.value)} />
      <TextField
        label={TEXT.retries}
        hint={TEXT.retriesHint}
        inputMode="numeric"
        value={retries}
        onChange={(e) => setRetries(e.target.value)}
      />
      <CheckboxField label={TEXT.own} hint={TEXT.ownHint} checked={own} onChange={(e) => setOwn(e.target.checked)} />
      <CheckboxField label={TEXT.active} checked={active} onChange={(e) => setActive(e.target.checked)} />
    </FormDialog>
  );
}
