import { useTranslation } from 'react-i18next';
import type { CompanyDto, StatsRangeInput } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { Card, Stat } from '../../components/Card';
import { QueryView } from '../../components/Feedback';
import { formatInt } from '../../lib/format';

export function AttemptsCard({ company, range }: { company: CompanyDto; range: StatsRangeInput }) {
  const { t } = useTranslation();
  const key = JSON.stringify(range);
  const counts = useQuery(() => api.call('stats.attempts', { companyId: company.id, range }), [company.id, key]);
  useLive(['result.reported'], company.id, () => void counts.reload(), 2000);
  return (
    <Card title={t('lifecycle.attempts.title')} subtitle={t('lifecycle.attempts.lead')}>
      <QueryView query={counts}>
        {(a) => (
          <div className="attempts-line" data-testid="attempts">
            <Stat label={t('lifecycle.attempts.dialed')} value={formatInt(a.dialed)} />
            <Stat label={t('lifecycle.attempts.first')} value={formatInt(a.first)} />
            <Stat label={t('lifecycle.attempts.recycled')} value={formatInt(a.recycled)} hint={t('lifecycle.attempts.recycledHint')} />
            <Stat label={t('lifecycle.attempts.callbacks')} value={formatInt(a.callbacks)} hint={t('lifecycle.attempts.callbacksHint')} />
          </div>
        )}
      </QueryView>
    </Card>
  );
}
