import { Button } from '../../components/Button';
import { ErrorNote } from '../../components/Feedback';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

export function UnreachablePage() {
  const problem = useSession((s) => s.problem);
  const boot = useSession((s) => s.boot);
  return (
    <AuthLayout title="DialDesk is not answering" lead="The console could not reach its data on this machine.">
      <ErrorNote message={problem ?? 'Unknown problem.'} />
      <Button variant="primary" onClick={() => void boot()}>
        Try again
      </Button>
    </AuthLayout>
  );
}
