import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ErrorNote } from '../../components/Feedback';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

export function UnreachablePage() {
  const { t } = useTranslation();
  const problem = useSession((s) => s.problem);
  const boot = useSession((s) => s.boot);
  return (
    <AuthLayout title={t('auth.unreachable.title')} lead={t('auth.unreachable.lead')}>
      <ErrorNote message={problem ?? t('auth.unreachable.unknown')} />
      <Button variant="primary" onClick={() => void boot()}>
        {t('auth.unreachable.retry')}
      </Button>
    </AuthLayout>
  );
}
