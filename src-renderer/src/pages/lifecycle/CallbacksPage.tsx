import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { CallbackDto, CallbackView } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useAction, useLive, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card, PageHeader } from '../../components/Card';
import { useConfirm } from '../../components/Confirm';
import { FormDialog } from '../../components/Dialog';
import { EmptyState, QueryView } from '../../components/Feedback';
import { DateField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { formatDateTime, formatInt } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { fromWallInput, toWallInput } from './wallTime';

const VIEWS: CallbackView[] = ['due', 'upcoming', 'missed', 'done', 'cancelled'];
const COLS = ['phone', 'due', 'agent', 'state', 'changed'] as const;

export function CallbacksPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  const tz = company.timezone;
  const [view, setView] = useState<CallbackView>('due');
  const list = useQuery(() => api.call('callbacks.list', { companyId: company.id, view }), [company.id, view]);
  useLive(['result.reported'], company.id, () => void list.reload(), 3000);
  const [moving, setMoving] = useState<CallbackDto | null>(null);
  const confirm = useConfirm();

  const cancel = (c: CallbackDto) =>
    confirm.ask({
      title: t('lifecycle.callbacks.cancelTitle', { phone: c.phone }),
      body: t('lifecycle.callbacks.cancelBody'),
      confirmLabel: t('lifecycle.callbacks.cancelSubmit'),
      danger: true,
      run: async () => {
        await api.call('callbacks.cancel', { companyId: company.id, id: c.id });
        toast(t('lifecycle.callbacks.cancelled', { phone: c.phone }));
        await list.reload();
      },
    });

  const counts = list.data?.counts;
  const label = (v: CallbackView) =>
    counts && (v === 'due' || v === 'upcoming' || v === 'missed')
      ? t('lifecycle.callbacks.counted', { view: t(`lifecycle.callbacks.views.${v}`), count: formatInt(counts[v]) })
      : t(`lifecycle.callbacks.views.${v}`);

  return (
    <div className="page">
      <PageHeader title={t('nav.pages.callbacks')} description={t('lifecycle.callbacks.lead')} />
      <Card
        actions={
          <div className="segmented" role="group" aria-label={t('nav.pages.callbacks')}>
            {VIEWS.map((v) => (
              <button key={v} type="button" aria-pressed={v === view} onClick={() => setView(v)}>
                {label(v)}
              </button>
            ))}
          </div>
        }
      >
        <QueryView query={list}>
          {(a) =>
            a.callbacks.length === 0 ? (
              <EmptyState title={t(`lifecycle.callbacks.empty.${view}`)}>{t('lifecycle.callbacks.emptyBody')}</EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    {COLS.map((c) => (
                      <th key={c}>{t(`lifecycle.callbacks.cols.${c}`)}</th>
                    ))}
                    <th className="actions-col">
                      <span className="sr-only">{t('common.actions')}</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {a.callbacks.map((c) => (
                    <tr key={c.id}>
                      <td className="mono">{c.phone}</td>
                      <td className="tabular">{formatDateTime(c.dueAt, tz)}</td>
                      <td>
                        {c.agent ? (
                          `${c.agent.name} (${c.agent.extension})`
                        ) : (
                          <span className="muted">{t('lifecycle.callbacks.anyAgent')}</span>
                        )}
                      </td>
                      <td>
                        <Badge tone={c.view === 'missed' ? 'danger' : c.view === 'due' ? 'warn' : 'neutral'}>
                          {t(`lifecycle.callbacks.views.${c.view}`)}
                        </Badge>
                        {c.leasedNow && <span className="muted"> · {t('lifecycle.callbacks.leased')}</span>}
                      </td>
                      <td className="tabular">
                        {formatDateTime(c.updatedAt, tz)} · {c.updatedBy}
                      </td>
                      <td className="actions-col">
                        {canOperate && c.state === 'pending' && (
                          <>
                            <Button
                              size="sm"
                              onClick={() => setMoving(c)}
                              aria-label={t('lifecycle.callbacks.moveLabel', { phone: c.phone })}
                            >
                              {t('lifecycle.callbacks.move')}
                            </Button>{' '}
                            <Button
                              size="sm"
                              variant="danger"
                              onClick={() => cancel(c)}
                              aria-label={t('lifecycle.callbacks.cancelLabel', { phone: c.phone })}
                            >
                              {t('lifecycle.callbacks.cancel')}
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
      </Card>
      {moving && (
        <MoveDialog
          company={company}
          callback={moving}
          onClose={() => setMoving(null)}
          onMoved={() => {
            setMoving(null);
            void list.reload();
          }}
        />
      )}
      {confirm.dialog}
    </div>
  );
}

function MoveDialog({
  company,
  callback,
  onClose,
  onMoved,
}: {
  company: CompanyDto;
  callback: CallbackDto;
  onClose(): void;
  onMoved(): void;
}) {
  const { t } = useTranslation();
  const [when, setWhen] = useState(() =>
    toWallInput(new Date(Math.max(Date.parse(callback.dueAt), Date.now() + 3_600_000)).toISOString(), company.timezone),
  );
  const move = useAction(async () => {
    const dueAt = fromWallInput(when, company.timezone);
    if (!dueAt) throw new Error(t('lifecycle.callbacks.notATime'));
    await api.call('callbacks.move', { companyId: company.id, id: callback.id, dueAt });
    toast(t('lifecycle.callbacks.moved', { phone: callback.phone }));
    onMoved();
  });
  return (
    <FormDialog
      open
      title={t('lifecycle.callbacks.moveTitle', { phone: callback.phone })}
      onClose={onClose}
      onSubmit={() => void move.run()}
      submitLabel={t('lifecycle.callbacks.moveSubmit')}
      busy={move.busy}
      error={move.error}
    >
      <DateField
        label={t('lifecycle.callbacks.newTime', { timezone: company.timezone })}
        type="datetime-local"
        value={when}
        onChange={(e) => setWhen(e.target.value)}
      />
    </FormDialog>
  );
}
