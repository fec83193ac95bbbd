import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { EmptyState, ErrorNote, Notice, QueryView } from '../../components/Feedback';
import { SelectField, TextField } from '../../components/Field';
import { formatDateTime, formatInt } from '../../lib/format';
import { deliverFile } from '../../lib/savedFile';
import { useCan } from '../../lib/useCan';
import { useSession } from '../../state/session';
import { ImportCard } from '../numbers/ImportCard';
import { DncAddCard } from './DncAddCard';

const PAGE = 50;
type Scope = number | 'site';

/**
 * The site's list and each company's own (DESIGN.md §8): the owner picks any of them, a company's
 * people their own companies' and the site's (to read). The forms to add are offered where the role
 * may write; the server refuses the rest whatever the page offers.
 */
export function DoNotCallPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const companies = useSession((s) => s.companies);
  const user = useSession((s) => s.user);
  const canManage = useCan('manage');
  const [scope, setScope] = useState<Scope>(company.id);
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [version, setVersion] = useState(0);
  const pick = (s: Scope) => {
    setScope(s);
    setOffset(0);
  };
  useEffect(() => pick(company.id), [company.id]);

  const scoped = scope === 'site' ? null : (companies.find((c) => c.id === scope) ?? company);
  const target = scoped ? { companyId: scoped.id } : {};
  const listName = scoped ? t('dnc.company', { name: scoped.name }) : t('dnc.site');
  const writable = canManage && !!user && (user.role === 'superuser' || (scoped !== null && user.companyIds.includes(scoped.id)));
  const list = useQuery(
    () => api.call('dnc.list', { ...target, limit: PAGE, offset, ...(search.trim() && { search: search.trim() }) }),
    [scope, search, offset, version],
  );
  const changed = () => {
    setOffset(0);
    setVersion((v) => v + 1);
  };
  const exportCsv = useAction(async () => deliverFile(await api.call('dnc.exportCsv', target), t('dnc.exported')));
  const timezone = scoped?.timezone ?? company.timezone;

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.doNotCall')}
        description={t('dnc.lead')}
        actions={
          <Button busy={exportCsv.busy} onClick={() => void exportCsv.run()}>
            {t('dnc.exportCsv')}
          </Button>
        }
      />
      {exportCsv.error && <ErrorNote message={exportCsv.error} />}
      <div className="dnc-scope">
        <SelectField
          label={t('dnc.which')}
          value={String(scope)}
          onChange={(e) => pick(e.target.value === 'site' ? 'site' : Number(e.target.value))}
        >
          {companies.map((c) => (
            <option key={c.id} value={c.id}>
              {t('dnc.company', { name: c.name })}
            </option>
          ))}
          <option value="site">{t('dnc.site')}</option>
        </SelectField>
      </div>
      {writable ? (
        <div className="grid-2" key={String(scope)}>
          <DncAddCard
            companyId={scoped?.id ?? null}
            listName={listName}
            defaultCountry={(scoped ?? company).defaultCountry}
            onAdded={changed}
          />
          <ImportCard kind="dnc" defaultCountry={(scoped ?? company).defaultCountry} companyId={scoped?.id} onImported={changed} />
        </div>
      ) : (
        canManage && <Notice>{t('dnc.readOnly')}</Notice>
      )}
      <Card title={listName} subtitle={list.data && t('dnc.total', { count: list.data.total, formatted: formatInt(list.data.total) })}>
        <div className="dnc-search">
          <TextField
            label={t('dnc.search')}
            hint={t('dnc.searchHint')}
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
              <EmptyState title={search.trim() ? t('dnc.emptySearch') : t('dnc.empty')} />
            ) : (
              <>
                <table className="table" aria-label={listName}>
                  <thead>
                    <tr>
                      <th>{t('dnc.cols.phone')}</th>
                      <th>{t('dnc.cols.added')}</th>
                      <th>{t('dnc.cols.source')}</th>
                      <th>{t('dnc.cols.addedBy')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {p.entries.map((e) => (
                      <tr key={e.phone}>
                        <td className="mono" dir="ltr">
                          {e.phone}
                        </td>
                        <td className="tabular">{formatDateTime(e.addedAt, timezone)}</td>
                        <td>{e.source}</td>
                        <td>{e.addedBy}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
                <div className="pager">
                  <span className="muted tabular">
                    {t('dnc.page', {
                      from: formatInt(offset + 1),
                      to: formatInt(offset + p.entries.length),
                      total: formatInt(p.total),
                    })}
                  </span>
                  <Button size="sm" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                    {t('dnc.prev')}
                  </Button>
                  <Button size="sm" disabled={offset + p.entries.length >= p.total} onClick={() => setOffset(offset + PAGE)}>
                    {t('dnc.next')}
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
