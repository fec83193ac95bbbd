import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { DialingSettings } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Card } from '../../components/Card';
import { ErrorNote, QueryView } from '../../components/Feedback';
import { CheckboxField, SelectField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

export function CalleeHoursCard({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  const settings = useQuery(() => api.call('dialing.get', { companyId: company.id }), [company.id]);
  const save = useAction(async (change: Partial<Omit<DialingSettings, 'companyId'>>) => {
    await api.call('dialing.set', { companyId: company.id, ...change });
    toast(t('lifecycle.hours.saved'));
    await settings.reload();
  });
  return (
    <Card title={t('lifecycle.hours.title')} subtitle={t('lifecycle.hours.lead')}>
      <QueryView query={settings}>
        {(s) => (
          <div className="form">
            {save.error && <ErrorNote message={save.error} />}
            <CheckboxField
              label={t('lifecycle.hours.on')}
              hint={t('lifecycle.hours.onHint')}
              checked={s.calleeLocalHours}
              disabled={!canOperate || save.busy}
              onChange={(e) => void save.run({ calleeLocalHours: e.target.checked })}
            />
            <SelectField
              label={t('lifecycle.hours.ambiguous')}
              value={s.ambiguousZones}
              disabled={!canOperate || save.busy || !s.calleeLocalHours}
              onChange={(e) => void save.run({ ambiguousZones: e.target.value as DialingSettings['ambiguousZones'] })}
            >
              <option value="strictest">{t('lifecycle.hours.strictest')}</option>
              <option value="company">{t('lifecycle.hours.company')}</option>
            </SelectField>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
