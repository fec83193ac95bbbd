import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { StatsBucket, StatsSeries } from '../../../../src-shared/contract';
import { CALL_STATUSES, type CallStatus } from '../../../../src-shared/statuses';
import { useTranslation } from 'react-i18next';
import { formatDigits, formatInt, formatLocalDate, formatPercent } from '../../lib/format';
import { STATUS_COLORS, statusLabel } from '../../lib/statusColors';

/** "Mar 2", "Mar 2 14:00" or "14:00", in the console's calendar and digits */
function bucketLabel(b: StatsBucket, series: StatsSeries): string {
  const day = formatLocalDate(b.date, 'day');
  const time = formatDigits(b.time);
  if (series.granularity === 'day') return day;
  return series.range.from === series.range.to ? time : `${day} ${time}`;
}

/** Only the statuses that occur in the range get a bar segment and a legend entry. */
function statusesIn(series: StatsSeries): CallStatus[] {
  return CALL_STATUSES.filter((s) => series.buckets.some((b) => b.counts[s] > 0));
}

const seriesName = (name: unknown): string =>
  typeof name === 'string' && name in STATUS_COLORS ? statusLabel(name as CallStatus) : String(name ?? '');

/**
 * The chart's key, drawn here rather than by recharts: its own icons carry an English aria-label
 * ("ANSWERED legend icon") that no translation reaches.
 */
function StatusLegend({ statuses }: { statuses: CallStatus[] }) {
  return (
    <ul className="chart-legend">
      {statuses.map((s) => (
        <li key={s}>
          <span className="status-dot" style={{ background: STATUS_COLORS[s] }} aria-hidden="true" />
          {statusLabel(s)}
        </li>
      ))}
    </ul>
  );
}

const axisStyle = { fontSize: 11, fill: 'var(--muted)' };

export function VolumeChart({ series }: { series: StatsSeries }) {
  const { t } = useTranslation();
  const present = statusesIn(series);
  const data = series.buckets.map((b) => ({ label: bucketLabel(b, series), ...b.counts }));
  return (
    <div className="chart" role="img" aria-label={t(`dashboard.volumeChart.${series.granularity}`)}>
      <ResponsiveContainer width="100%" height={260}>
        <BarChart data={data} margin={{ top: 8, right: 8, left: -12, bottom: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axisStyle} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={12} />
          <YAxis allowDecimals={false} tick={axisStyle} tickLine={false} axisLine={false} tickFormatter={formatInt} />
          <Tooltip
            cursor={{ fill: 'var(--surface-2)' }}
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
            formatter={(v, name) => [formatInt(Number(v)), seriesName(name)]}
          />
          <Legend content={() => <StatusLegend statuses={present} />} />
          {present.map((s) => (
            <Bar
              key={s}
              dataKey={s}
              name={statusLabel(s)}
              stackId="calls"
              fill={STATUS_COLORS[s]}
              isAnimationActive={false}
              maxBarSize={36}
            />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}

export function AnswerRateChart({ series }: { series: StatsSeries }) {
  const { t } = useTranslation();
  const data = series.buckets.map((b) => ({
    label: bucketLabel(b, series),
    rate: b.answerRate === null ? null : Math.round(b.answerRate * 1000) / 10,
    dialed: b.outbound,
  }));
  return (
    <div className="chart" role="img" aria-label={t(`dashboard.rateChart.${series.granularity}`)}>
      <ResponsiveContainer width="100%" height={260}>
        <LineChart data={data} margin={{ top: 8, right: 12, left: -12, bottom: 0 }}>
          <CartesianGrid stroke="var(--border)" vertical={false} />
          <XAxis dataKey="label" tick={axisStyle} tickLine={false} axisLine={{ stroke: 'var(--border)' }} minTickGap={12} />
          <YAxis
            domain={[0, 100]}
            tick={axisStyle}
            tickLine={false}
            axisLine={false}
            tickFormatter={(v: number) => formatPercent(v / 100, 0)}
          />
          <Tooltip
            contentStyle={{ background: 'var(--surface)', border: '1px solid var(--border)', borderRadius: 8, fontSize: 12 }}
            formatter={(v, _name, item) => [
              t('dashboard.rateOf', { rate: formatPercent(Number(v) / 100), dialed: formatInt(item.payload.dialed) }),
              t('dashboard.answerRate'),
            ]}
          />
          <Line
            type="monotone"
            dataKey="rate"
            stroke={STATUS_COLORS.ANSWERED}
            strokeWidth={2}
            dot={{ r: 2 }}
            connectNulls={false}
            isAnimationActive={false}
          />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
