import type { CompanyDto, StatsRangeInput } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Card, Stat } from '../../components/Card';
import { QueryView } from '../../components/Feedback';
import { formatInt } from '../../lib/format';

const TEXT = {
  title: 'Dialed calls by attempt',
  subtitle: 'A number’s first call apart from the calls that came back to it.',
  dialed: 'Dialed',
  first: 'First attempts',
  recycled: 'Recycled',
  recycledHint: 'by a recycling rule',
  callbacks: 'Callbacks',
  callbacksHint: 'asked for by a result',
};

export function AttemptsCard({ company, range }: { company: CompanyDto; range: StatsRangeInput }) {
  const key = JSON.stringify(range);
  const counts = useQuery(() => api.call('stats.attempts', { companyId: company.id, range }), [company.id, key]);
  useLive(['result.reported'], company.id, () => void counts.reload(), 2000);
  return (
    <Card title={TEXT.title} subtitle={TEXT.subtitle}>
      <QueryView query={counts}>
        {(a) => (
          <div className="attempts-line" data-testid="attempts">
            <Stat label={TEXT.dialed} value={formatInt(a.dialed)} />
            <Stat label={TEXT.first} value={formatInt(a.first)} />
            <Stat label={TEXT.recycled} value={formatInt(a.recycled)} hint={TEXT.recycledHint} />
            <Stat label={TEXT.callbacks} value={formatInt(a.callbacks)} hint={TEXT.callbacksHint} />
          </div>
        )}
      </QueryView>
    </Card>
  );
}
