import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useLive, useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/Card';
import { Notice, QueryView } from '../../components/Feedback';
import { useCan } from '../../lib/useCan';
import { ImportCard } from './ImportCard';
import { ListsCard } from './ListsCard';
import { LookupCard } from './LookupCard';
import { PoolCard } from './PoolCard';

export function NumbersPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  // a do-not-call import is the company's own list for its admin, the site's (no company dials it) for the owner
  const canManage = useCan('manage');
  // bumped by every import: a number looked up before it is looked up again (a DNC import made it complained)
  const [poolVersion, setPoolVersion] = useState(0);
  const imported = () => {
    setPoolVersion((v) => v + 1);
    void counts.reload();
  };
  const counts = useQuery(() => api.call('numbers.counts', { companyId: company.id }), [company.id]);
  useLive(['result.reported'], company.id, () => void counts.reload(), 5000);
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.numbers')} description={t('numbers.lead')} />
      <QueryView query={counts}>{(c) => <PoolCard counts={c} company={company} />}</QueryView>
      <ListsCard company={company} reloadKey={poolVersion} />
      {canOperate ? (
        <div className="grid-2">
          <ImportCard kind="numbers" defaultCountry={company.defaultCountry} onImported={imported} />
          {canManage && <ImportCard kind="dnc" defaultCountry={company.defaultCountry} onImported={imported} />}
        </div>
      ) : (
        <Notice>{t('numbers.lookOnly')}</Notice>
      )}
      <LookupCard company={company} canReset={canOperate} poolVersion={poolVersion} onChanged={() => void counts.reload()} />
    </div>
  );
}
