import type { CompanyDto } from '../../../../src-shared/contract';
import type { NumberListDto } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Badge, Card } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { formatDateTime, formatInt } from '../../lib/format';
import { useCan } from '../../lib/useCan';

const TEXT = {
  title: 'Lists',
  subtitle: (company: string, at: string) => `Counted for ${company} · ${at}`,
  empty: 'No lists yet',
  emptyBody: 'Each file brought in becomes a named list here.',
  cols: ['List', 'Owner', 'Size', 'Dialed', 'Recycled', 'Answered', 'Remaining', 'Penetration', 'Dialed by this company'],
  site: 'Site pool',
  own: 'Own',
  on: 'On',
  off: 'Off',
  switched: (name: string, on: boolean) => `${name} ${on ? 'switched on' : 'switched off'}`,
  switchLabel: (name: string) => `Dial ${name}`,
  recycledHint: 'calls after the first: recycled numbers and callbacks',
};

/** A company's lists with how far it has got through each; it switches a list on or off for itself alone. */
export function ListsCard({ company, reloadKey }: { company: CompanyDto; reloadKey?: number }) {
  const canOperate = useCan('operate');
  const lists = useQuery(() => api.call('lists.list', { companyId: company.id }), [company.id, reloadKey]);
  useLive(['result.reported'], company.id, () => void lists.reload(), 5000);

  const setActive = async (l: NumberListDto, active: boolean) => {
    try {
      await api.call('lists.setActive', { companyId: company.id, listId: l.id, active });
      toast(TEXT.switched(l.name, active));
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
    await lists.reload();
  };

  return (
    <Card title={TEXT.title} subtitle={lists.data && TEXT.subtitle(company.name, formatDateTime(lists.data.countedAt, company.timezone))}>
      <QueryView query={lists}>
        {(a) =>
          a.lists.length === 0 ? (
            <EmptyState title={TEXT.empty}>{TEXT.emptyBody}</EmptyState>
          ) : (
            <table className="table lists-table">
              <thead>
                <tr>
                  {TEXT.cols.map((c, i) => (
                    <th key={c} className={i >= 2 && i <= 7 ? 'num' : undefined}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {a.lists.map((l) => (
                  <tr key={l.id} className={l.active ? undefined : 'is-dim'}>
                    <td>
                      <strong>{l.name}</strong>
                    </td>
                    <td>{l.owner === 'site' ? <Badge tone="info">{TEXT.site}</Badge> : <Badge>{TEXT.own}</Badge>}</td>
                    <td className="num tabular">{formatInt(l.size)}</td>
                    <td className="num tabular">{formatInt(l.dialed)}</td>
                    <td className="num tabular" title={TEXT.recycledHint}>
                      {formatInt(l.recycled)}
                    </td>
                    <td className="num tabular">{formatInt(l.answered)}</td>
                    <td className="num tabular">{formatInt(l.remaining)}</td>
                    <td className="num">
                      <div className="list-progress">
                        <span className="tabular">{l.penetration.toFixed(1)}%</span>
                        <div
                          className="progress-bar"
                          role="progressbar"
                          aria-label={`${l.name} penetration`}
                          aria-valuemin={0}
                          aria-valuemax={100}
                          aria-valuenow={l.penetration}
                        >
                          <span style={{ width: `${Math.min(100, l.penetration)}%` }} />
                        </div>
                      </div>
                    </td>
                    <td>
                      <label className="switch">
                        <input
                          type="checkbox"
                          role="switch"
                          checked={l.active}
                          disabled={!canOperate}
                          aria-label={TEXT.switchLabel(l.name)}
                          onChange={(e) => void setActive(l, e.target.checked)}
                        />
                        <span>{l.active ? TEXT.on : TEXT.off}</span>
                      </label>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )
        }
      </QueryView>
    </Card>
  );
}
