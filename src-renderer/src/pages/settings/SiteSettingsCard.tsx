import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { SiteSettings } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useUnsavedGuard } from '../../lib/guard';
import { toast } from '../../components/Toaster';

export function SiteSettingsCard({ site, editable, onSaved }: { site: SiteSettings; editable: boolean; onSaved(): void }) {
  const { t } = useTranslation();
  const [cooldown, setCooldown] = useState(String(site.callCooldownDays));
  const [lease, setLease] = useState(String(site.leaseMinutes));
  const [problem, setProblem] = useState<string | null>(null);
  useUnsavedGuard(cooldown !== String(site.callCooldownDays) || lease !== String(site.leaseMinutes));
  const save = useAction(() => api.call('settings.updateSite', { callCooldownDays: Number(cooldown), leaseMinutes: Number(lease) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(cooldown.trim())) return setProblem(t('settings.site.badCooldown'));
    if (!/^\d+$/.test(lease.trim()) || Number(lease) < 1) return setProblem(t('settings.site.badLease'));
    setProblem(null);
    if (await save.run()) {
      toast(t('settings.site.saved'));
      onSaved();
    }
  };

  return (
    <Card title={t('settings.site.title')} subtitle={t('settings.site.lead')}>
      <form className="form" onSubmit={submit}>
        {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
        <fieldset disabled={!editable} className="fieldset">
          <TextField
            label={t('settings.site.cooldown')}
            inputMode="numeric"
            maxLength={3}
            value={cooldown}
            onChange={(e) => setCooldown(e.target.value)}
            hint={t('settings.site.cooldownHint')}
          />
          <TextField
            label={t('settings.site.lease')}
            inputMode="numeric"
            maxLength={5}
            value={lease}
            onChange={(e) => setLease(e.target.value)}
            hint={t('settings.site.leaseHint')}
          />
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              {t('settings.site.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
