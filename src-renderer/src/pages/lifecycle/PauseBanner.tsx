import type { CompanyDto } from '../../../../src-shared/contract';
import type { PauseDto } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Notice } from '../../components/Feedback';
import { formatDateTime } from '../../lib/format';

const TEXT = {
  site: 'The whole site is paused',
  company: (name: string) => `Dialing for ${name} is paused`,
  by: (who: string, at: string) => ` by ${who} since ${at}: `,
  note: 'Dialers get "paused" for new numbers; leases already out run to their end.',
};

export function PauseLine({ pause, company }: { pause: PauseDto; company: CompanyDto }) {
  return (
    <div data-testid={`paused-${pause.scope}`}>
      <strong>{pause.scope === 'site' ? TEXT.site : TEXT.company(company.name)}</strong>
      {TEXT.by(pause.pausedBy, formatDateTime(pause.pausedAt, company.timezone))}
      <q>{pause.reason}</q>
    </div>
  );
}

/** On the dashboard: who paused the dialing and why, while it is paused. Nothing when it is not. */
export function PauseBanner({ company }: { company: CompanyDto }) {
  const status = useQuery(() => api.call('pause.status', { companyId: company.id }), [company.id]);
  const s = status.data;
  if (!s || (!s.site && !s.company)) return null;
  return (
    <Notice tone="warn">
      <div className="pause-lines">
        {s.site && <PauseLine pause={s.site} company={company} />}
        {s.company && <PauseLine pause={s.company} company={company} />}
        <div className="muted">{TEXT.note}</div>
      </div>
    </Notice>
  );
}
