import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { PauseDto } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Notice } from '../../components/Feedback';
import { formatDateTime } from '../../lib/format';

export function PauseLine({ pause, company }: { pause: PauseDto; company: CompanyDto }) {
  const { t } = useTranslation();
  return (
    <div data-testid={`paused-${pause.scope}`}>
      <strong>{pause.scope === 'site' ? t('lifecycle.pause.site') : t('lifecycle.pause.company', { name: company.name })}</strong>
      {t('lifecycle.pause.by', { who: pause.pausedBy, at: formatDateTime(pause.pausedAt, company.timezone) })}
      <q>{pause.reason}</q>
    </div>
  );
}

/** On the dashboard: who paused the dialing and why, while it is paused. Nothing when it is not. */
export function PauseBanner({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const status = useQuery(() => api.call('pause.status', { companyId: company.id }), [company.id]);
  const s = status.data;
  if (!s || (!s.site && !s.company)) return null;
  return (
    <Notice tone="warn">
      <div className="pause-lines">
        {s.site && <PauseLine pause={s.site} company={company} />}
        {s.company && <PauseLine pause={s.company} company={company} />}
        <div className="muted">{t('lifecycle.pause.note')}</div>
      </div>
    </Notice>
  );
}
