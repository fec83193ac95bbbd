import { useState, type FormEvent } from 'react';
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
  const [cooldown, setCooldown] = useState(String(site.callCooldownDays));
  const [lease, setLease] = useState(String(site.leaseMinutes));
  const [problem, setProblem] = useState<string | null>(null);
  useUnsavedGuard(cooldown !== String(site.callCooldownDays) || lease !== String(site.leaseMinutes));
  const save = useAction(() => api.call('settings.updateSite', { callCooldownDays: Number(cooldown), leaseMinutes: Number(lease) }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d+$/.test(cooldown.trim())) return setProblem('Cooldown is a whole number of days (0 to 365).');
    if (!/^\d+$/.test(lease.trim()) || Number(lease) < 1) return setProblem('Lease time is a whole number of minutes, at least 1.');
    setProblem(null);
    if (await save.run()) {
      toast('Dialing rules saved');
      onSaved();
    }
  };

  return (
    <Card title="Dialing rules" subtitle="Shared by every company on this site.">
      <form className="form" onSubmit={submit}>
        {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
        <fieldset disabled={!editable} className="fieldset">
          <TextField
            label="Cooldown (days)"
            inputMode="numeric"
            value={cooldown}
            onChange={(e) => setCooldown(e.target.value)}
            hint="A number called by anyone is not dialed again for this many days."
          />
          <TextField
            label="Lease time (minutes)"
            inputMode="numeric"
            value={lease}
            onChange={(e) => setLease(e.target.value)}
            hint="A number handed to a dialer goes back to the pool if no result comes within this time."
          />
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              Save dialing rules
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
