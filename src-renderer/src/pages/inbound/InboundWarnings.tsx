import { useTranslation } from 'react-i18next';
import type { InboundWarning } from '../../../../src-shared/contract/inbound-settings';
import { api } from '../../api/client';
import { useQuery, type Query } from '../../api/hooks';
import { Notice } from '../../components/Feedback';
import { warningText } from './warning-text';

/**
 * What makes this company's inbound calls go worse than they are set up (an AI agent without a
 * model key answers nobody: callers get the fallback), asked again whenever `deps` change.
 */
export function useInboundWarnings(companyId: number, deps: readonly unknown[]): Query<InboundWarning[]> {
  return useQuery(() => api.call('inbound.warnings', { companyId }), [companyId, ...deps]);
}

export function InboundWarnings({ warnings }: { warnings: InboundWarning[] | undefined }) {
  // worded in the console's language, which this hook follows
  useTranslation();
  if (!warnings || warnings.length === 0) return null;
  return (
    <Notice tone="warn">
      <div data-testid="inbound-warnings">
        {warnings.map((w) => (
          <p key={w.code}>{warningText(w)}</p>
        ))}
      </div>
    </Notice>
  );
}
