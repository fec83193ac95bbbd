import type { CompanyDto } from '../../../../src-shared/contract';
import { PageHeader } from '../../components/Card';
import { CalleeHoursCard } from './CalleeHoursCard';
import { PauseCard } from './PauseCard';
import { RecyclingCard } from './RecyclingCard';

const TEXT = {
  title: 'Dialing rules',
  description: 'When this company’s dialers get numbers: paused or not, which ones come back for another call, and on whose clock.',
};

export function DialingRulesPage({ company }: { company: CompanyDto }) {
  return (
    <div className="page">
      <PageHeader title={TEXT.title} description={TEXT.description} />
      <PauseCard company={company} />
      <RecyclingCard company={company} />
      <CalleeHoursCard company={company} />
    </div>
  );
}
