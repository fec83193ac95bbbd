import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, Loading } from '../../components/Feedback';
import { formatDateTime, formatDigits, formatInt } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { changedFields, show } from './diff';
import { en } from '../../i18n/en';
import type { TFunction } from 'i18next';

/** who made a change: a user's name as it is; the command line, the backup schedule and API keys in words */
function actorName(t: TFunction, actor: string): string {
  if (actor === 'cli') return t('audit.cli');
  if (actor === 'backup schedule') return t('audit.schedule');
  const key = /^api-key:(.+)$/.exec(actor);
  return key ? t('audit.apiKey', { prefix: key[1] }) : actor;
}

type Scope = 'company' | 'site' | 'all';

/** what a change can be about, named in the console's language (the filter once took the code typed in) */
const ENTITIES = Object.keys(en.audit.entities) as (keyof typeof en.audit.entities)[];

/** Who changed what, newest first. Each row opens to the fields that changed. */
export function AuditPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const isSite = useCan('site');
  const [scope, setScope] = useState<Scope>('company');
  const [entity, setEntity] = useState('');
  const [rows, setRows] = useState<AuditEntryDto[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [state, setState] = useState<{ loading: boolean; error: string | null }>({ loading: true, error: null });
  const [open, setOpen] = useState<number | null>(null);
  const seq = useRef(0);

  const load = useCallback(
    async (cursor: string | null) => {
      const mine = cursor ? seq.current : ++seq.current;
      setState((s) => ({ ...s, loading: true }));
      const where = scope === 'company' ? { companyId: company.id } : scope === 'site' ? { siteWide: true } : {};
      try {
        const page = await api.call('audit.list', {
          ...where,
          limit: 50,
          ...(entity.trim() && { entity: entity.trim() }),
          ...(cursor && { cursor }),
        });
        if (mine !== seq.current) return;
        setRows((r) => (cursor ? [...r, ...page.items] : page.items));
        setNext(page.next);
        setState({ loading: false, error: null });
      } catch (err) {
        if (mine === seq.current) setState({ loading: false, error: errorText(err) });
      }
    },
    [company.id, scope, entity],
  );
  useEffect(() => {
    void load(null);
  }, [load]);

  return (
    <div className="page">
      <PageHeader title={t('nav.pages.audit')} description={t('audit.lead')} />
      <Card
        title={scope === 'company' ? company.name : scope === 'site' ? t('audit.siteWide') : t('audit.everything')}
        actions={
          <>
            <select
              className="input input-compact"
              aria-label={t('audit.entity')}
              value={entity}
              onChange={(e) => setEntity(e.target.value)}
            >
              <option value="">{t('audit.allEntities')}</option>
              {ENTITIES.map((e) => (
                <option key={e} value={e}>
                  {t(`audit.entities.${e}`)}
                </option>
              ))}
            </select>
            {isSite && (
              <div className="segmented" role="group" aria-label={t('audit.show')}>
                <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                  {t('audit.thisCompany')}
                </button>
                <button type="button" aria-pressed={scope === 'site'} onClick={() => setScope('site')}>
                  {t('audit.site')}
                </button>
                <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                  {t('audit.all')}
                </button>
              </div>
            )}
          </>
        }
      >
        {state.error && <ErrorNote message={state.error} onRetry={() => void load(null)} />}
        {state.loading && rows.length === 0 ? (
          <Loading />
        ) : rows.length === 0 ? (
          <EmptyState title={t('audit.none')} />
        ) : (
          <>
            <table className="table audit-table">
              <thead>
                <tr>
                  <th>{t('audit.cols.time')}</th>
                  <th>{t('audit.cols.who')}</th>
                  <th>{t('audit.cols.what')}</th>
                  <th>{t('audit.cols.changed')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const changes = changedFields(r.before, r.after);
                  const expanded = open === r.id;
                  return (
                    <tr key={r.id}>
                      <td className="tabular nowrap">{formatDateTime(r.at, company.timezone)}</td>
                      <td>{actorName(t, r.actor)}</td>
                      <td>
                        <strong>{t(`audit.actions.${r.action}`, { defaultValue: r.action })}</strong>{' '}
                        {t(`audit.entities.${r.entity}`, { defaultValue: r.entity })}
                        {r.entityId && <span className="muted"> #{formatDigits(r.entityId)}</span>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : r.id)}
                        >
                          {changes.length
                            ? t('audit.fields', { count: changes.length, formatted: formatInt(changes.length) })
                            : t('audit.details')}
                        </button>
                        {expanded &&
                          (changes.length ? (
                            <dl className="changes">
                              {changes.map((c) => (
                                <div key={c.key}>
                                  <dt>{c.key}</dt>
                                  <dd>
                                    <del>{show(c.before)}</del> → <ins>{show(c.after)}</ins>
                                  </dd>
                                </div>
                              ))}
                            </dl>
                          ) : (
                            <pre className="code">{JSON.stringify({ before: r.before, after: r.after }, null, 2)}</pre>
                          ))}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="table-foot">
              <span className="muted small">{t('audit.shown', { count: formatInt(rows.length) })}</span>
              {next ? (
                <Button onClick={() => void load(next)} busy={state.loading}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                <span className="muted small">{t('audit.beginning')}</span>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
