import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    if (!Number.isInteger(port) || port < 1 || port > 65535) return setPortError(t('settings.desk.badPort'));
    setPortError(null);
    const saved = await save.run();
    if (saved) {
      applyTheme(saved.theme);
      toast(t('settings.desk.saved'));
      onSaved();
    }
  };

  return (
    <Card
      title={t('settings.desk.title')}
      subtitle={t('settings.desk.lead')}
      actions={
        listening ? (
          <Badge tone="ok">{t('settings.desk.listening', { address: listening })}</Badge>
        ) : (
          <Badge>{t('settings.desk.closed')}</Badge>
        )
      }
    >
      <form className="form" onSubmit={submit}>
        {save.error && <ErrorNote message={save.error} />}
        <fieldset disabled={!editable} className="fieldset">
          <CheckboxField
            label={t('settings.desk.http')}
            checked={httpEnabled}
            onChange={(e) => setHttpEnabled(e.target.checked)}
            hint={headless ? <Trans i18nKey="settings.desk.httpHeadless" components={{ code: <code /> }} /> : t('settings.desk.httpHint')}
          />
          <div className="form-row">
            <TextField
              label={t('settings.desk.port')}
              inputMode="numeric"
              maxLength={5}
              value={httpPort}
              onChange={(e) => setHttpPort(e.target.value)}
              error={portError}
            />
            <TextField
              label={t('settings.desk.bind')}
              value={httpHost}
              maxLength={255}
              onChange={(e) => setHttpHost(e.target.value)}
              hint={t('settings.desk.bindHint')}
            />
          </div>
          <SelectField label={t('settings.desk.theme')} value={theme} onChange={(e) => setTheme(e.target.value as DeskSettings['theme'])}>
            <option value="system">{t('settings.desk.themes.system')}</option>
            <option value="light">{t('settings.desk.themes.light')}</option>
            <option value="dark">{t('settings.desk.themes.dark')}</option>
          </SelectField>
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              {t('settings.desk.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
