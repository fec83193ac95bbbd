import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { NumberListDto } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Badge, Card } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { formatDateTime, formatInt, formatPercent } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { errorText } from '../../api/errors';

const COLS = ['list', 'owner', 'size', 'dialed', 'recycled', 'answered', 'remaining', 'penetration', 'dialing'] as const;

/** A company's lists with how far it has got through each; it switches a list on or off for itself alone. */
export function ListsCard({ company, reloadKey }: { company: CompanyDto; reloadKey?: number }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  const lists = useQuery(() => api.call('lists.list', { companyId: company.id }), [company.id, reloadKey]);
  useLive(['result.reported'], company.id, () => void lists.reload(), 5000);

  const setActive = async (l: NumberListDto, active: boolean) => {
    try {
      await api.call('lists.setActive', { companyId: company.id, listId: l.id, active });
      toast(t(active ? 'numbers.lists.switchedOn' : 'numbers.lists.switchedOff', { name: l.name }));
    } catch (err) {
      toast(errorText(err), 'error');
    }
    await lists.reload();
  };

  return (
    <Card
      title={t('numbers.lists.title')}
      subtitle={
        lists.data && t('numbers.lists.lead', { company: company.name, at: formatDateTime(lists.data.countedAt, company.timezone) })
      }
    >
      <QueryView query={lists}>
        {(a) =>
          a.lists.length === 0 ? (
            <EmptyState title={t('numbers.lists.empty')}>{t('numbers.lists.emptyBody')}</EmptyState>
          ) : (
            <table className="table lists-table">
              <thead>
                <tr>
                  {COLS.map((c, i) => (
                    <th key={c} className={i >= 2 && i <= 7 ? 'num' : undefined}>
                      {t(`numbers.lists.cols.${c}`)}
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
                    <td>
                      {l.owner === 'site' ? <Badge tone="info">{t('numbers.lists.site')}</Badge> : <Badge>{t('numbers.lists.own')}</Badge>}
                    </td>
                    <td className="num tabular">{formatInt(l.size)}</td>
                    <td className="num tabular">{formatInt(l.dialed)}</td>
                    <td className="num tabular" title={t('numbers.lists.recycledHint')}>
                      {formatInt(l.recycled)}
                    </td>
                    <td className="num tabular">{formatInt(l.answered)}</td>
                    <td className="num tabular">{formatInt(l.remaining)}</td>
                    <td className="num">
                      <div className="list-progress">
                        <span className="tabular">{formatPercent(l.penetration / 100)}</span>
                        <div
                          className="progress-bar"
                          role="progressbar"
                          aria-label={t('numbers.lists.penetrationLabel', { name: l.name })}
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
                          aria-label={t('numbers.lists.switchLabel', { name: l.name })}
                          onChange={(e) => void setActive(l, e.target.checked)}
                        />
                        <span>{l.active ? t('numbers.lists.on') : t('numbers.lists.off')}</span>
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
