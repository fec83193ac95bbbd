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
  const headless = useSession((s) => s.shell === 'headless');
  const choose = useAction(async () => {
    if (await api.call('files.chooseTlsFiles', {})) {
      toast('The port now speaks HTTPS');
      onChanged();
    }
  });
  const clear = useAction(async () => {
    await api.call('settings.clearTls', {});
    toast('The port is back on plain HTTP');
    onChanged();
  });
  const on = desk.tlsCertFile !== null;
  return (
    <Card
      title="HTTPS"
      subtitle="Encrypts what dialers on the LAN send the port."
      actions={on ? <Badge tone="ok">On</Badge> : <Badge>Off</Badge>}
    >
      <div className="form">
        {(choose.error ?? clear.error) && <ErrorNote message={(choose.error ?? clear.error)!} />}
        {on && (
          <dl className="facts" data-testid="tls-files">
            <dt>Certificate</dt>
            <dd>
              <code>{desk.tlsCertFile}</code>
            </dd>
            <dt>Key</dt>
            <dd>
              <code>{desk.tlsKeyFile}</code>
            </dd>
          </dl>
        )}
        {headless ? (
          <p className="field-hint">
            On the server's disk: start it with <code>dialdesk serve --tls-cert FILE --tls-key FILE</code> (or <code>--no-tls</code>).
          </p>
        ) : (
          <div className="form-actions">
            {on && (
              <Button onClick={() => void clear.run()} busy={clear.busy}>
                Back to plain HTTP
              </Button>
            )}
            <Button variant="primary" onClick={() => void choose.run()} busy={choose.busy}>
              Choose certificate and key…
            </Button>
          </div>
        )}
      </div>
    </Card>
  );
}
