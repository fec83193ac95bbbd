import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import { PageHeader } from '../../components/Card';
import { CalleeHoursCard } from './CalleeHoursCard';
import { PauseCard } from './PauseCard';
import { RecyclingCard } from './RecyclingCard';

export function DialingRulesPage({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.dialingRules')} description={t('lifecycle.rules.lead')} />
      <PauseCard company={company} />
      <RecyclingCard company={company} />
      <CalleeHoursCard company={company} />
    </div>
  );
}
