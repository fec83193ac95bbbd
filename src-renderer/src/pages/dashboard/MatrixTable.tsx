import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StatsCounts, StatsGroupBy, StatsMatrix } from '../../../../src-shared/contract';
import type { CallStatus } from '../../../../src-shared/statuses';
import { formatDuration, formatInt, formatMoney, formatPercent } from '../../lib/format';
import { href } from '../../lib/router';
import { STATUS_COLORS, statusLabel } from '../../lib/statusColors';

const DIM_FILTER: Record<StatsGroupBy, string> = { scenario: 'scenarioId', line: 'outboundLineId', agent: 'agentId' };

/** Statuses in groups, so the table reads (and folds) as reached / not reached / inbound. */
const GROUPS: { key: 'reached' | 'notReached' | 'inbound'; statuses: CallStatus[] }[] = [
  { key: 'reached', statuses: ['ANSWERED', 'INTERESTED', 'NOT_INTERESTED', 'CALLBACK', 'HANGUP', 'COMPLAINED'] },
  { key: 'notReached', statuses: ['NO_ANSWER', 'BUSY', 'POWER_OFF', 'INVALID', 'FAILED'] },
  { key: 'inbound', statuses: ['INBOUND_CALL'] },
];
type GroupKey = (typeof GROUPS)[number]['key'];

const SHOWN_KEY = 'dialdesk.matrix.groups';

/** The groups this user chose to see (all at first; kept on this browser). */
function useShownGroups(): [Set<GroupKey>, (key: GroupKey, on: boolean) => void] {
  const [shown, setShown] = useState<Set<GroupKey>>(() => {
    try {
      const kept = JSON.parse(localStorage.getItem(SHOWN_KEY) ?? 'null') as GroupKey[] | null;
      if (Array.isArray(kept)) return new Set(kept.filter((k) => GROUPS.some((g) => g.key === k)));
    } catch {
      /* nothing kept */
    }
    return new Set(GROUPS.map((g) => g.key));
  });
  const toggle = (key: GroupKey, on: boolean) => {
    const next = new Set(shown);
    if (on) next.add(key);
    else next.delete(key);
    setShown(next);
    try {
      localStorage.setItem(SHOWN_KEY, JSON.stringify([...next]));
    } catch {
      /* the choice lasts until reload */
    }
  };
  return [shown, toggle];
}

/**
 * Calls per status for each scenario, line or agent. A non-zero count opens the call log filtered to
 * exactly those calls (same local dates, same row, same status). The first column stays in view while
 * the statuses scroll, and the status groups can be folded away, so it reads at 1024 px.
 */
export function MatrixTable({ matrix }: { matrix: StatsMatrix }) {
  const { t } = useTranslation();
  const { rows, none, totals, groupBy, currency, range } = matrix;
  const [shown, toggle] = useShownGroups();
  const groups = GROUPS.filter((g) => shown.has(g.key));
  const logLink = (dimId: number | null, status?: CallStatus) =>
    href('/calls', { from: range.from, to: range.to, status, ...(dimId !== null && { [DIM_FILTER[groupBy]]: dimId }) });

  // the totals come first so they stay in view on a narrow window; the per-status breakdown follows
  const cells = (c: StatsCounts, dimId: number | null, linked = true) => (
    <>
      <td className="num strong">{c.total && linked ? <a href={logLink(dimId)}>{formatInt(c.total)}</a> : formatInt(c.total)}</td>
      <td className="num">{formatInt(c.billable)}</td>
      <td className="num">{formatPercent(c.answerRate)}</td>
      <td className="num">{formatDuration(c.durationS)}</td>
      <td className="num sep">{formatMoney(c.cost, currency)}</td>
      {groups.flatMap((g) =>
        g.statuses.map((s, i) => (
          <td key={s} className={`num ${c.counts[s] ? '' : 'zero'} ${i === 0 ? 'sep-start' : ''}`}>
            {c.counts[s] && linked ? <a href={logLink(dimId, s)}>{formatInt(c.counts[s])}</a> : formatInt(c.counts[s])}
          </td>
        )),
      )}
    </>
  );

  const statusHead = (s: CallStatus, first: boolean, alone = false) => (
    <th scope="col" key={s} rowSpan={alone ? 2 : undefined} className={`num status-head ${first ? 'sep-start' : ''}`} title={s}>
      <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
      {statusLabel(s)}
    </th>
  );

  return (
    <>
      <fieldset className="matrix-columns">
        <legend>{t('dashboard.matrix.columns')}</legend>
        {GROUPS.map((g) => (
          <label key={g.key} className="check-inline">
            <input type="checkbox" checked={shown.has(g.key)} onChange={(e) => toggle(g.key, e.target.checked)} />{' '}
            {t(`dashboard.matrix.${g.key}`)}
          </label>
        ))}
      </fieldset>
      <div className="table-wrap">
        <table className="table matrix" aria-label={t(`dashboard.matrix.label.${groupBy}`)}>
          <thead>
            <tr className="matrix-groups">
              <td className="sticky-col" />
              <th scope="colgroup" colSpan={5} className="sep">
                {t('dashboard.matrix.summary')}
              </th>
              {groups.map((g) =>
                // a group of one status is that status: one header over both rows, not "Inbound" above "Inbound"
                g.statuses.length === 1 ? (
                  statusHead(g.statuses[0], true, true)
                ) : (
                  <th key={g.key} scope="colgroup" colSpan={g.statuses.length} className="sep-start">
                    {t(`dashboard.matrix.${g.key}`)}
                  </th>
                ),
              )}
            </tr>
            <tr>
              <th scope="col" className="sticky-col">
                {t(`dashboard.groups.${groupBy}`)}
              </th>
              <th scope="col" className="num">
                {t('dashboard.matrix.total')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.matrix.billable')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.matrix.answerRate')}
              </th>
              <th scope="col" className="num">
                {t('dashboard.matrix.talk')}
              </th>
              <th scope="col" className="num sep">
                {t('dashboard.matrix.cost')}
              </th>
              {groups.flatMap((g) => (g.statuses.length === 1 ? [] : g.statuses.map((s, i) => statusHead(s, i === 0))))}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="sticky-col row-name">
                  {r.name}
                </th>
                {cells(r, r.id)}
              </tr>
            ))}
            {none && (
              // apart from the rows: no link (the call log cannot filter "without"), muted, and last
              <tr className="matrix-none">
                <th scope="row" className="sticky-col row-name muted">
                  {t(`dashboard.matrix.none.${groupBy}`)}
                </th>
                {cells(none, null, false)}
              </tr>
            )}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" className="sticky-col">
                {t('dashboard.matrix.all')}
              </th>
              {cells(totals, null)}
            </tr>
          </tfoot>
        </table>
      </div>
    </>
  );
}
