import { useState } from 'react';
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
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { fromWallInput, toWallInput } from './wallTime';

const TEXT = {
  title: 'Callbacks',
  description:
    'Calls a result asked for at a set time. A due callback is dialed before fresh numbers; one not reached within two hours is missed and waits here to be moved or cancelled.',
  views: { due: 'Due now', upcoming: 'Upcoming', missed: 'Missed', done: 'Done', cancelled: 'Cancelled' } as Record<CallbackView, string>,
  cols: ['Phone', 'Due', 'Agent', 'State', 'Last change'],
  anyAgent: 'any agent',
  leased: 'with a dialer now',
  empty: (view: string) => `No ${view.toLowerCase()} callbacks`,
  emptyBody: 'A dialer asks for a callback by reporting a result with callback_at.',
  move: 'Move',
  cancel: 'Cancel',
  moveTitle: (phone: string) => `Move the callback to ${phone}`,
  moveSubmit: 'Move callback',
  newTime: (tz: string) => `New time (${tz})`,
  notATime: 'Pick a date and a time.',
  moved: (phone: string) => `Callback to ${phone} moved`,
  cancelTitle: (phone: string) => `Cancel the callback to ${phone}?`,
  cancelBody: 'The number is not called back; it stays in the pool under the usual rules.',
  cancelSubmit: 'Cancel callback',
  cancelled: (phone: string) => `Callback to ${phone} cancelled`,
};
const VIEWS: CallbackView[] = ['due', 'upcoming', 'missed', 'done', 'cancelled'];

export function CallbacksPage({ company }: { company: CompanyDto }) {
  const canOperate = useCan('operate');
  const tz = company.timezone;
  const [view, setView] = useState<CallbackView>('due');
  const list = useQuery(() => api.call('callbacks.list', { companyId: company.id, view }), [company.id, view]);
  useLive(['result.reported'], company.id, () => void list.reload(), 3000);
  const [moving, setMoving] = useState<CallbackDto | null>(null);
  const confirm = useConfirm();

  const cancel = (c: CallbackDto) =>
    confirm.ask({
      title: TEXT.cancelTitle(c.phone),
      body: TEXT.cancelBody,
      confirmLabel: TEXT.cancelSubmit,
      danger: true,
      run: async () => {
        await api.call('callbacks.cancel', { companyId: company.id, id: c.id });
        toast(TEXT.cancelled(c.phone));
        await list.reload();
      },
    });

  const counts = list.data?.counts;
  const label = (v: CallbackView) =>
    counts && (v === 'due' || v === 'upcoming' || v === 'missed') ? `${TEXT.views[v]} (${counts[v]})` : TEXT.views[v];

  return (
    <div className="page">
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <Card
        actions={
          <div className="segmented" role="group" aria-label={TEXT.title}>
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
              <EmptyState title={TEXT.empty(TEXT.views[view])}>{TEXT.emptyBody}</EmptyState>
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
                  {a.callbacks.map((c) => (
                    <tr key={c.id}>
                      <td className="mono">{c.phone}</td>
                      <td className="tabular">{formatDateTime(c.dueAt, tz)}</td>
                      <td>{c.agent ? `${c.agent.name} (${c.agent.extension})` : <span className="muted">{TEXT.anyAgent}</span>}</td>
                      <td>
                        <Badge tone={c.view === 'missed' ? 'danger' : c.view === 'due' ? 'warn' : 'neutral'}>{TEXT.views[c.view]}</Badge>
                        {c.leasedNow && <span className="muted"> · {TEXT.leased}</span>}
                      </td>
                      <td className="tabular">
                        {formatDateTime(c.updatedAt, tz)} · {c.updatedBy}
                      </td>
                      <td className="actions-col">
                        {canOperate && c.state === 'pending' && (
                          <>
                            <Button size="sm" onClick={() => setMoving(c)} aria-label={`${TEXT.move} ${c.phone}`}>
                              {TEXT.move}
                            </Button>{' '}
                            <Button size="sm" variant="danger" onClick={() => cancel(c)} aria-label={`${TEXT.cancel} ${c.phone}`}>
                              {TEXT.cancel}
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
  const [when, setWhen] = useState(() =>
    toWallInput(new Date(Math.max(Date.parse(callback.dueAt), Date.now() + 3_600_000)).toISOString(), company.timezone),
  );
  const move = useAction(async () => {
    const dueAt = fromWallInput(when, company.timezone);
    if (!dueAt) throw new Error(TEXT.notATime);
    await api.call('callbacks.move', { companyId: company.id, id: callback.id, dueAt });
    toast(TEXT.moved(callback.phone));
    onMoved();
  });
  return (
    <FormDialog
      open
      title={TEXT.moveTitle(callback.phone)}
      onClose={onClose}
      onSubmit={() => void move.run()}
      submitLabel={TEXT.moveSubmit}
      busy={move.busy}
      error={move.error}
    >
      <DateField label={TEXT.newTime(company.timezone)} type="datetime-local" value={when} onChange={(e) => setWhen(e.target.value)} />
    </FormDialog>
  );
}
