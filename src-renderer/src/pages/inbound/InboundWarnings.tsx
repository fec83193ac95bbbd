import type { InboundWarning } from '../../../../src-shared/contract/inbound-settings';
import { api } from '../../api/client';
import { useQuery, type Query } from '../../api/hooks';
import { Notice } from '../../components/Feedback';

/**
 * What makes this company's inbound calls go worse than they are set up (an AI agent without a
 * model key answers nobody: callers get the fallback), asked again whenever `deps` change.
 */
export function useInboundWarnings(companyId: number, deps: readonly unknown[]): Query<InboundWarning[]> {
  return useQuery(() => api.call('inbound.warnings', { companyId }), [companyId, ...deps]);
}

export function InboundWarnings({ warnings }: { warnings: InboundWarning[] | undefined }) {
  if (!warnings || warnings.length === 0) return null;
  return (
    <Notice tone="warn">
      <div data-testid="inbound-warnings">
        {warnings.map((w) => (
          <p key={w.code}>{w.message[0].toUpperCase() + w.message.slice(1)}.</p>
        ))}
      </div>
    </Notice>
  );
}
