import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
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
import { formatInt } from '../../lib/format';
import { statusLabel } from '../../lib/statusColors';

const COLS = ['after', 'wait', 'retries', 'own', 'status'] as const;

const waitText = (t: TFunction, m: number) =>
  m % 60 === 0
    ? t('lifecycle.recycling.hours', { h: formatInt(m / 60) })
    : m > 60
      ? t('lifecycle.recycling.hoursMinutes', { h: formatInt(Math.floor(m / 60)), m: formatInt(m % 60) })
      : t('lifecycle.recycling.minutes', { m: formatInt(m) });

export function RecyclingCard({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  const rules = useQuery(() => api.call('recycling.list', { companyId: company.id }), [company.id]);
  const [editing, setEditing] = useState<RecycleRuleDto | 'new' | null>(null);
  const confirm = useConfirm();
  const remove = (r: RecycleRuleDto) =>
    confirm.ask({
      title: t('lifecycle.recycling.removeTitle', { status: statusLabel(r.status) }),
      body: t('lifecycle.recycling.removeBody'),
      confirmLabel: t('common.remove'),
      danger: true,
      run: async () => {
        await api.call('recycling.remove', { companyId: company.id, status: r.status });
        toast(t('lifecycle.recycling.removed', { status: statusLabel(r.status) }));
        await rules.reload();
      },
    });

  return (
    <Card
      title={t('lifecycle.recycling.title')}
      subtitle={t('lifecycle.recycling.lead')}
      actions={
        canOperate && (
          <Button variant="primary" onClick={() => setEditing('new')}>
            {t('lifecycle.recycling.add')}
          </Button>
        )
      }
    >
      <QueryView query={rules}>
        {(list) =>
          list.length === 0 ? (
            <EmptyState title={t('lifecycle.recycling.empty')}>{t('lifecycle.recycling.emptyBody')}</EmptyState>
          ) : (
            <table className="table">
              <thead>
                <tr>
                  {COLS.map((c) => (
                    <th key={c}>{t(`lifecycle.recycling.cols.${c}`)}</th>
                  ))}
                  <th className="actions-col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {list.map((r) => (
                  <tr key={r.status} className={r.isActive ? undefined : 'is-dim'}>
                    <td>
                      <strong>{statusLabel(r.status)}</strong>
                    </td>
                    <td className="tabular">{waitText(t, r.delayMinutes)}</td>
                    <td className="tabular">{formatInt(r.maxRetries)}</td>
                    <td>{r.ownAttempt ? t('lifecycle.recycling.yes') : t('lifecycle.recycling.no')}</td>
                    <td>
                      <ActiveBadge active={r.isActive} />
                    </td>
                    <td className="actions-col">
                      {canOperate && (
                        <>
                          <Button
                            size="sm"
                            onClick={() => setEditing(r)}
                            aria-label={t('lifecycle.recycling.editLabel', { status: statusLabel(r.status) })}
                          >
                            {t('common.edit')}
                          </Button>{' '}
                          <Button
                            size="sm"
                            variant="danger"
                            onClick={() => remove(r)}
                            aria-label={t('lifecycle.recycling.removeLabel', { status: statusLabel(r.status) })}
                          >
                            {t('common.remove')}
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
  const { t } = useTranslation();
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
      throw new Error(t('lifecycle.recycling.notANumber'));
    await api.call('recycling.save', { companyId: props.company.id, status, delayMinutes, maxRetries, ownAttempt: own, isActive: active });
    toast(t('lifecycle.recycling.saved', { status: statusLabel(status) }));
    props.onSaved();
  });
  return (
    <FormDialog
      open
      title={rule ? t('lifecycle.recycling.dialogEdit', { status: statusLabel(rule.status) }) : t('lifecycle.recycling.dialogNew')}
      onClose={props.onClose}
      onSubmit={() => void save.run()}
      submitLabel={t('lifecycle.recycling.save')}
      busy={save.busy}
      error={save.error}
    >
      <SelectField
        label={t('lifecycle.recycling.status')}
        value={status}
        disabled={rule !== null}
        onChange={(e) => setStatus(e.target.value as RecyclableStatus)}
      >
        {(rule ? [rule.status] : free).map((s) => (
          <option key={s} value={s}>
            {statusLabel(s)}
          </option>
        ))}
      </SelectField>
      <TextField
        label={t('lifecycle.recycling.delay')}
        hint={t('lifecycle.recycling.delayHint', { max: formatInt(MAX_RECYCLE_DELAY_MINUTES) })}
        inputMode="numeric"
        maxLength={6}
        value={delay}
        onChange={(e) => setDelay(e.target.value)}
      />
      <TextField
        label={t('lifecycle.recycling.retries')}
        hint={t('lifecycle.recycling.retriesHint', { max: formatInt(MAX_RECYCLE_RETRIES) })}
        maxLength={3}
        inputMode="numeric"
        value={retries}
        onChange={(e) => setRetries(e.target.value)}
      />
      <CheckboxField
        label={t('lifecycle.recycling.own')}
        hint={t('lifecycle.recycling.ownHint')}
        checked={own}
        onChange={(e) => setOwn(e.target.checked)}
      />
      <CheckboxField label={t('lifecycle.recycling.active')} checked={active} onChange={(e) => setActive(e.target.checked)} />
    </FormDialog>
  );
}
