import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, QueryView } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { formatDateTime, formatInt } from '../../lib/format';
import { deliverFile } from '../../lib/savedFile';

const TEXT = {
  title: 'Do-not-call',
  description:
    'The site list (the site owner’s) keeps a number from every company; a company’s own list (its admin’s) keeps it from that company alone. Import either on the Numbers page.',
  scopes: { company: (name: string) => `${name}’s list`, site: 'Site list' },
  scopeGroup: 'Which list',
  search: 'Search this list',
  searchHint: 'Part of a number, in any format.',
  exportCsv: 'Export CSV',
  exported: 'Do-not-call list',
  cols: ['Phone', 'Added', 'Source', 'Added by'],
  total: (n: string) => `${n} numbers`,
  empty: 'Nobody on this list',
  emptySearch: 'No number on this list matches',
  prev: 'Previous',
  next: 'Next',
  page: (from: number, to: number, total: string) => `${from}–${to} of ${total}`,
};
const PAGE = 50;

export function DoNotCallPage({ company }: { company: CompanyDto }) {
  const [scope, setScope] = useState<'company' | 'site'>('company');
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const target = scope === 'company' ? { companyId: company.id } : {};
  const list = useQuery(
    () => api.call('dnc.list', { ...target, limit: PAGE, offset, ...(search.trim() && { search: search.trim() }) }),
    [company.id, scope, search, offset],
  );
  const exportCsv = useAction(async () => deliverFile(await api.call('dnc.exportCsv', target), TEXT.exported));
  const pick = (s: 'company' | 'site') => {
    setScope(s);
    setOffset(0);
  };

  return (
    <div className="page">
      <PageHeader
        title={TEXT.title}
        description={TEXT.description}
        actions={
          <Button busy={exportCsv.busy} onClick={() => void exportCsv.run()}>
            {TEXT.exportCsv}
          </Button>
        }
      />
      {exportCsv.error && <ErrorNote message={exportCsv.error} />}
      <Card
        title={scope === 'company' ? TEXT.scopes.company(company.name) : TEXT.scopes.site}
        subtitle={list.data && TEXT.total(formatInt(list.data.total))}
        actions={
          <div className="segmented" role="group" aria-label={TEXT.scopeGroup}>
            <button type="button" aria-pressed={scope === 'company'} onClick={() => pick('company')}>
              {TEXT.scopes.company(company.name)}
            </button>
            <button type="button" aria-pressed={scope === 'site'} onClick={() => pick('site')}>
              {TEXT.scopes.site}
            </button>
          </div>
        }
      >
        <div className="dnc-search">
          <TextField
            label={TEXT.search}
            hint={TEXT.searchHint}
            type="search"
            value={search}
            maxLength={40}
            onChange={(e) => {
              setSearch(e.target.value);
              setOffset(0);
            }}
          />
        </div>
        <QueryView query={list}>
          {(p) =>
            p.entries.length === 0 ? (
              <EmptyState title={search.trim() ? TEXT.emptySearch : TEXT.empty} />
            ) : (
              <>
                <table className="table">
                  <thead>
                    <tr>
                      {TEXT.cols.map((c) => (
                        <th key={c}>{c}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {p.entries.map((e) => (
                      <tr key={e.phone}>
                        <td className="mono">{e.phone}</td>
                        <td className="tabular">{formatDateTime(e.addedAt, company.timezone)}</td>
                        <td>{e.source}</td>
                        <td>{e.addedBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="pager">
                  <span className="muted tabular">{TEXT.page(offset + 1, offset + p.entries.length, formatInt(p.total))}</span>
                  <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    {TEXT.prev}
                  </Button>
                  <Button size="sm" disabled={offset + p.entries.length >= p.total} onClick={() => setOffset(offset + PAGE)}>
                    {TEXT.next}
                  </Button>
                </div>
              </>
            )
          }
        </QueryView>
      </Card>
    </div>
  );
}
