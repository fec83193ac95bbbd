import { useState } from 'react';
import { useTranslation } from 'react-i18next';
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
  const { t } = useTranslation();
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
    deliverFile(answer, t('calls.exported', { count: formatInt(answer.rows) }));
  });
  const [scenarios, lines, agents] = setup.data ?? [[], [], []];

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.calls')}
        description={t('calls.lead', { timezone: company.timezone })}
        actions={
          <Button onClick={() => void exportCsv.run()} busy={exportCsv.busy}>
            {t('calls.export')}
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
          {t('calls.fresh')}
        </button>
      )}
      <Card
        title={
          count.data
            ? t(count.data.capped ? 'calls.titleMore' : 'calls.titleCount', { count: formatInt(count.data.total) })
            : t('calls.title')
        }
        subtitle={
          activeFilterCount(filters)
            ? t('calls.filtersOn', { count: activeFilterCount(filters), formatted: formatInt(activeFilterCount(filters)) })
            : t('calls.all')
        }
      >
        {pages.error && <ErrorNote message={pages.error} onRetry={() => void pages.reload()} />}
        {pages.loading && pages.rows.length === 0 ? (
          <Loading label={t('calls.loading')} />
        ) : pages.rows.length === 0 ? (
          <EmptyState title={activeFilterCount(filters) ? t('calls.noMatch') : t('calls.none')}>
            {activeFilterCount(filters) ? t('calls.noMatchBody') : t('calls.noneBody')}
          </EmptyState>
        ) : (
          <>
            <CallTable rows={pages.rows} company={company} onOpen={(id) => go(filters, id)} />
            <div className="table-foot">
              <span className="muted small" data-testid="calls-total">
                {t('calls.shown', { count: formatInt(pages.rows.length) })}
                {count.data && t(count.data.capped ? 'calls.ofMore' : 'calls.ofTotal', { count: formatInt(count.data.total) })}
              </span>
              {pages.next ? (
                <Button onClick={() => void pages.loadMore()} busy={pages.loadingMore}>
                  {t('common.loadMore')}
                </Button>
              ) : (
                <span className="muted small">{t('calls.end')}</span>
              )}
            </div>
          </>
        )}
      </Card>
      {openId !== null && <CallDetailDialog company={company} id={openId} onClose={() => go(filters)} onOpen={(id) => go(filters, id)} />}
    </div>
  );
}
