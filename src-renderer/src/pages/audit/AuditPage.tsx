import { useCallback, useEffect, useRef, useState } from 'react';
import type { AuditEntryDto, CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { errorText } from '../../api/errors';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, Loading } from '../../components/Feedback';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { changedFields, show } from './diff';

type Scope = 'company' | 'site' | 'all';

/** Who changed what, newest first. Each row opens to the fields that changed. */
export function AuditPage({ company }: { company: CompanyDto }) {
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
      <PageHeader
        title="Audit log"
        description="Every change a person, the command line or an API key made, with the values before and after."
      />
      <Card
        title={scope === 'company' ? company.name : scope === 'site' ? 'Site-wide changes' : 'Everything'}
        actions={
          <>
            <input
              className="input input-compact"
              aria-label="Entity"
              placeholder="entity, e.g. scenario"
              value={entity}
              onChange={(e) => setEntity(e.target.value)}
            />
            {isSite && (
              <div className="segmented" role="group" aria-label="Show">
                <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                  This company
                </button>
                <button type="button" aria-pressed={scope === 'site'} onClick={() => setScope('site')}>
                  Site-wide
                </button>
                <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                  All
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
          <EmptyState title="Nothing recorded here yet" />
        ) : (
          <>
            <table className="table audit-table">
              <thead>
                <tr>
                  <th>Time</th>
                  <th>Who</th>
                  <th>What</th>
                  <th>Changed</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const changes = changedFields(r.before, r.after);
                  const expanded = open === r.id;
                  return (
                    <tr key={r.id}>
                      <td className="tabular nowrap">{formatDateTime(r.at, company.timezone)}</td>
                      <td>{r.actor}</td>
                      <td>
                        <strong>{r.action}</strong> {r.entity}
                        {r.entityId && <span className="muted"> #{r.entityId}</span>}
                      </td>
                      <td>
                        <button
                          type="button"
                          className="link-button"
                          aria-expanded={expanded}
                          onClick={() => setOpen(expanded ? null : r.id)}
                        >
                          {changes.length ? `${changes.length} field${changes.length > 1 ? 's' : ''}` : 'details'}
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
              <span className="muted small">{rows.length} shown</span>
              {next ? (
                <Button onClick={() => void load(next)} busy={state.loading}>
                  Load more
                </Button>
              ) : (
                <span className="muted small">Beginning reached</span>
              )}
            </div>
          </>
        )}
      </Card>
    </div>
  );
}
