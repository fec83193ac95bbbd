import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card } from '../../components/Card';
import { ErrorNote, QueryView } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';

/**
 * Which database the desk runs on: its own file, or a PostgreSQL every desk of the site shares
 * (DESIGN.md §10). A URL is checked before it is kept (it answers; empty, or DialDesk's own), and the
 * desk moves at its next start: nothing is copied (`dialdesk db copy` moves a desk's data first).
 */
export function DatabaseCard() {
  const { t } = useTranslation();
  const state = useQuery(() => api.call('settings.database', {}), []);
  const [url, setUrl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const choose = useAction((next: string | null) => api.call('settings.setDatabase', { url: next }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!/^postgres(ql)?:\/\//i.test(url.trim())) return setProblem(t('settings.database.badUrl'));
    setProblem(null);
    if (await choose.run(url.trim())) {
      toast(t('settings.database.chosen'));
      setUrl('');
      void state.reload();
    }
  };
  const backToFile = async () => {
    if (await choose.run(null)) {
      toast(t('settings.database.chosenFile'));
      void state.reload();
    }
  };

  return (
    <QueryView query={state}>
      {(d) => {
        const shared = d.running.engine === 'postgres';
        const moving = (d.chosen ?? null) !== (shared ? d.running.location : null);
        return (
          <Card
            title={t('settings.database.title')}
            subtitle={<Trans i18nKey="settings.database.lead" components={{ code: <code /> }} />}
            actions={<Badge tone={shared ? 'ok' : undefined}>{shared ? t('settings.database.shared') : t('settings.database.file')}</Badge>}
          >
            <form className="form" onSubmit={submit} data-testid="database-card">
              {(problem ?? choose.error) && <ErrorNote message={(problem ?? choose.error)!} />}
              <dl className="facts">
                <dt>{t('settings.database.runningOn')}</dt>
                <dd>
                  <code>{d.running.location}</code>
                </dd>
                {moving && (
                  <>
                    <dt>{t('settings.database.nextStart')}</dt>
                    <dd>
                      <code>{d.chosen ?? t('settings.database.ownFile')}</code>
                    </dd>
                  </>
                )}
              </dl>
              <TextField
                label={t('settings.database.url')}
                placeholder="postgres://desk:password@db.local:5432/dialdesk"
                autoComplete="off"
                spellCheck={false}
                value={url}
                onChange={(e) => setUrl(e.target.value)}
                hint={t('settings.database.urlHint')}
              />
              <div className="form-actions">
                {d.chosen !== null && (
                  <Button onClick={() => void backToFile()} busy={choose.busy}>
                    {t('settings.database.useFile')}
                  </Button>
                )}
                <Button type="submit" variant="primary" busy={choose.busy}>
                  {t('settings.database.use')}
                </Button>
              </div>
            </form>
          </Card>
        );
      }}
    </QueryView>
  );
}
