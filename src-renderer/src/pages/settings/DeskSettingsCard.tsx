import { useState, type FormEvent } from 'react';
import type { DeskSettings } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { CheckboxField, SelectField, TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { applyTheme } from '../../lib/theme';
import { useUnsavedGuard } from '../../lib/guard';
import { useSession } from '../../state/session';

interface Props {
  desk: DeskSettings;
  listening: string | null;
  editable: boolean;
  onSaved(): void;
}

export function DeskSettingsCard({ desk, listening, editable, onSaved }: Props) {
  const [httpEnabled, setHttpEnabled] = useState(desk.httpEnabled);
  const [httpPort, setHttpPort] = useState(String(desk.httpPort));
  const [httpHost, setHttpHost] = useState(desk.httpHost);
  const [theme, setTheme] = useState(desk.theme);
  const [portError, setPortError] = useState<string | null>(null);
  // compared with what is saved: once the saved settings come back, nothing is left to lose
  useUnsavedGuard(
    httpEnabled !== desk.httpEnabled || httpPort !== String(desk.httpPort) || httpHost !== desk.httpHost || theme !== desk.theme,
  );
  const headless = useSession((s) => s.shell === 'headless');

  const save = useAction(() =>
    api.call('settings.updateDesk', {
      httpEnabled,
      httpPort: Number(httpPort),
      httpHost: httpHost.trim(),
      theme,
    }),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const port = Number(httpPort);
    if (!Number.isInteger(port) || port < 1 || port > 65535) return setPortError('A port is a whole number from 1 to 65535.');
    setPortError(null);
    const saved = await save.run();
    if (saved) {
      applyTheme(saved.theme);
      toast('Desk settings saved');
      onSaved();
    }
  };

  return (
    <Card
      title="This desk"
      subtitle="Kept on this machine, not in the company data."
      actions={listening ? <Badge tone="ok">Listening on {listening}</Badge> : <Badge>Port closed</Badge>}
    >
      <form className="form" onSubmit={submit}>
        {save.error && <ErrorNote message={save.error} />}
        <fieldset disabled={!editable} className="fieldset">
          <CheckboxField
            label="Open the HTTP port for dialers and the telephony server"
            checked={httpEnabled}
            onChange={(e) => setHttpEnabled(e.target.checked)}
            hint={
              headless
                ? 'This console is served by `dialdesk serve`, whose own port already carries the dialer and inbound APIs; this setting is for the desktop app.'
                : 'Dialers pull numbers and report results through it.'
            }
          />
          <div className="form-row">
            <TextField label="Port" inputMode="numeric" value={httpPort} onChange={(e) => setHttpPort(e.target.value)} error={portError} />
            <TextField
              label="Bind address"
              value={httpHost}
              onChange={(e) => setHttpHost(e.target.value)}
              hint="127.0.0.1: this machine only · 0.0.0.0: the whole LAN"
            />
          </div>
          <SelectField label="Theme" value={theme} onChange={(e) => setTheme(e.target.value as DeskSettings['theme'])}>
            <option value="system">Follow the system</option>
            <option value="light">Light</option>
            <option value="dark">Dark</option>
          </SelectField>
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              Save desk settings
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
