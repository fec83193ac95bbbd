import { Trans, useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { useSession } from '../../state/session';

/**
 * HTTPS for the port, for dialers on the LAN. The certificate and key are files on the desk's own
 * disk, so only the desk names them: the app's file dialogs, or `dialdesk serve --tls-cert --tls-key`.
 */
export function TlsCard({ desk, onChanged }: { desk: DeskSettings; onChanged(): void }) {
  const { t } = useTranslation();
  const headless = useSession((s) => s.shell === 'headless');
  const choose = useAction(async () => {
    if (await api.call('files.chooseTlsFiles', {})) {
      toast(t('settings.tls.nowHttps'));
      onChanged();
    }
  });
  const clear = useAction(async () => {
    await api.call('settings.clearTls', {});
    toast(t('settings.tls.nowHttp'));
    onChanged();
  });
  const on = desk.tlsCertFile !== null;
  return (
    <Card
      title={t('settings.tls.title')}
      subtitle={t('settings.tls.lead')}
      actions={on ? <Badge tone="ok">{t('settings.tls.on')}</Badge> : <Badge>{t('settings.tls.off')}</Badge>}
    >
      <div className="form">
        {(choose.error ?? clear.error) && <ErrorNote message={(choose.error ?? clear.error)!} />}
        {on && (
          <dl className="facts" data-testid="tls-files">
            <dt>{t('settings.tls.cert')}</dt>
            <dd>
              <code>{desk.tlsCertFile}</code>
            </dd>
            <dt>{t('settings.tls.key')}</dt>
            <dd>
              <code>{desk.tlsKeyFile}</code>
            </dd>
          </dl>
        )}
        {headless ? (
          <p className="field-hint">
            <Trans i18nKey="settings.tls.headless" components={{ code: <code /> }} />
          </p>
        ) : (
          <div className="form-actions">
            {on && (
              <Button onClick={() => void clear.run()} busy={clear.busy}>
                {t('settings.tls.plain')}
              </Button>
            )}
            <Button variant="primary" onClick={() => void choose.run()} busy={choose.busy}>
              {t('settings.tls.choose')}
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
