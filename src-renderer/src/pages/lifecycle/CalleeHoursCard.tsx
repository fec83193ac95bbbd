import type { CompanyDto } from '../../../../src-shared/contract';
import type { DialingSettings } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Card } from '../../components/Card';
import { ErrorNote, QueryView } from '../../components/Feedback';
import { CheckboxField, SelectField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';

const TEXT = {
  title: 'Callee-local hours',
  subtitle: 'The Schedule’s windows read on the callee’s own clock, from the number’s country and area.',
  on: 'Dial inside the windows on the callee’s clock',
  onHint: 'Off: the windows are read on the company’s clock for every number.',
  ambiguous: 'Numbers whose area spans several zones',
  strictest: 'Dial only when every zone is inside the window',
  company: 'Use the company’s clock',
  saved: 'Callee-local hours saved',
};

export function CalleeHoursCard({ company }: { company: CompanyDto }) {
  const canOperate = useCan('operate');
  const settings = useQuery(() => api.call('dialing.get', { companyId: company.id }), [company.id]);
  const save = useAction(async (change: Partial<Omit<DialingSettings, 'companyId'>>) => {
    await api.call('dialing.set', { companyId: company.id, ...change });
    toast(TEXT.saved);
    await settings.reload();
  });
  return (
    <Card title={TEXT.title} subtitle={TEXT.subtitle}>
      <QueryView query={settings}>
        {(s) => (
          <div className="form">
            {save.error && <ErrorNote message={save.error} />}
            <CheckboxField
              label={TEXT.on}
              hint={TEXT.onHint}
              checked={s.calleeLocalHours}
              disabled={!canOperate || save.busy}
              onChange={(e) => void save.run({ calleeLocalHours: e.target.checked })}
            />
            <SelectField
              label={TEXT.ambiguous}
              value={s.ambiguousZones}
              disabled={!canOperate || save.busy || !s.calleeLocalHours}
              onChange={(e) => void save.run({ ambiguousZones: e.target.value as DialingSettings['ambiguousZones'] })}
            >
              <option value="strictest">{TEXT.strictest}</option>
              <option value="company">{TEXT.company}</option>
            </SelectField>
          </div>
        )}
      </QueryView>
    </Card>
  );
}
