import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useLive, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, Loading } from '../../components/Feedback';
import { navigate, useRoute } from '../../lib/router';
import { deliverFile } from '../../lib/savedFile';
import { CallDetailDialog } from './CallDetailDialog';
import { CallFilters } from './CallFilters';
import { CallTable } from './CallTable';
import { activeFilterCount, filtersFromQuery, filtersToInput, filtersToQuery, type CallFilterState } from './callQuery';
import { FIRST_PAGE, useCallPages } from './useCallPages';
import { formatInt } from '../../lib/format';

export function CallLogPage({ company }: { company: CompanyDto }) {
  const { query } = useRoute();
  const filters = filtersFromQuery(query);
  const openId = Number(query.get('id')) || null;
  const pages = useCallPages(company.id, filters);
  const setup = useQuery(
    () =>
      Promise.all([
        api.call('scenarios.list', { companyId: company.id }),
        api.call('lines.list', { companyId: company.id }),
        api.call('agents.list', { companyId: company.id }),
      ]),
    [company.id],
  );
  const input = filtersToInput(company.id, filters);
  const count = useQuery(() => api.call('calls.count', input), [company.id, JSON.stringify(input)]);
  const [fresh, setFresh] = useState(0);
  // new calls come in by themselves while the supervisor is on the first page with no call open;
  // deeper in the log (or reading a call) the rows stay put and a banner offers them instead
  useLive(
    ['result.reported'],
    company.id,
    () => {
      void count.reload();
      if (openId === null && pages.rows.length <= FIRST_PAGE) void pages.reload();
      else setFresh((n) => n + 1);
    },
    1000,
  );

  const go = (f: CallFilterState, id: number | null = null) =>
    navigate('/calls', { ...filtersToQuery(f), id }, { replace: id === null && openId === null });
  const exportCsv = useAction(async () => {
    const answer = await api.call('calls.exportCsv', filtersToInput(company.id, filters));
    deliverFile(answer, `${answer.rows} calls`);
  });
  const [scenarios, lines, agents] = setup.data ?? [[], [], []];

  return (
    <div className="page">
      <PageHeader
        title="Call log"
        description={`Every result the dialers reported, newest first. Times in ${company.timezone}.`}
        actions={
          <Button onClick={() => void exportCsv.run()} busy={exportCsv.busy}>
            Export CSV
          </Button>
        }
      />
      <Card>
        <CallFilters value={filters} scenarios={scenarios} lines={lines} agents={agents} onApply={(f) => go(f)} />
      </Card>
      {exportCsv.error && <ErrorNote message={exportCsv.error} />}
      {fresh > 0 && (
        <button
          type="button"
          className="fresh-banner"
          onClick={() => {
            setFresh(0);
            void pages.reload();
          }}
        >
          New calls came in · show them
        </button>
      )}
      <Card
        title={count.data ? `Calls · ${count.data.capped ? 'more than ' : ''}${formatInt(count.data.total)}` : 'Calls'}
        subtitle={activeFilterCount(filters) ? `${activeFilterCount(filters)} filter(s) on` : 'All calls'}
      >
        {pages.error && <ErrorNote message={pages.error} onRetry={() => void pages.reload()} />}
        {pages.loading && pages.rows.length === 0 ? (
          <Loading label="Loading calls…" />
        ) : pages.rows.length === 0 ? (
          <EmptyState title={activeFilterCount(filters) ? 'No calls match these filters' : 'No calls yet'}>
            {activeFilterCount(filters) ? 'Widen the dates or clear a filter.' : 'Calls appear here as soon as a dialer reports a result.'}
          </EmptyState>
        ) : (
          <>
            <CallTable rows={pages.rows} company={company} onOpen={(id) => go(filters, id)} />
            <div className="table-foot">
              <span className="muted small" data-testid="calls-total">
                {formatInt(pages.rows.length)} shown
                {count.data && ` of ${count.data.capped ? 'more than ' : ''}${formatInt(count.data.total)}`}
              </span>
              {pages.next ? (
                <Button onClick={() => void pages.loadMore()} busy={pages.loadingMore}>
                  Load more
                </Button>
              ) : (
                <span className="muted small">End of the log</span>
              )}
            </div>
          </>
        )}
      </Card>
      {openId !== null && <CallDetailDialog company={company} id={openId} onClose={() => go(filters)} onOpen={(id) => go(filters, id)} />}
    </div>
  );
}
