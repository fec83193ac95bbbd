import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { PauseStatus } from '../../../../src-shared/contract/lifecycle';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote, Notice, QueryView } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { toast } from '../../components/Toaster';
import { useCan } from '../../lib/useCan';
import { PauseLine } from './PauseBanner';

/** Pause or resume a company's dialing, or (the owner) the whole site's, with a reason. */
export function PauseCard({ company }: { company: CompanyDto }) {
  const { t } = useTranslation();
  const canOperate = useCan('operate');
  const isSite = useCan('site');
  const status = useQuery(() => api.call('pause.status', { companyId: company.id }), [company.id]);
  const [reason, setReason] = useState('');
  const act = useAction(async (what: 'pause' | 'resume', scope: 'company' | 'site') => {
    const target = scope === 'company' ? { companyId: company.id } : {};
    if (what === 'pause') await api.call('pause.set', { ...target, reason });
    else await api.call('pause.clear', target);
    toast(what === 'pause' ? t('lifecycle.pause.paused') : t('lifecycle.pause.resumed'));
    if (what === 'pause') setReason('');
    await status.reload();
  });

  const buttons = (s: PauseStatus) => (
    <div className="pause-actions">
      {s.company ? (
        <Button busy={act.busy} onClick={() => void act.run('resume', 'company')}>
          {t('lifecycle.pause.resumeCompany', { name: company.name })}
        </Button>
      ) : (
        <Button variant="danger" busy={act.busy} onClick={() => void act.run('pause', 'company')}>
          {t('lifecycle.pause.pauseCompany', { name: company.name })}
        </Button>
      )}
      {isSite &&
        (s.site ? (
          <Button busy={act.busy} onClick={() => void act.run('resume', 'site')}>
            {t('lifecycle.pause.resumeSite')}
          </Button>
        ) : (
          <Button variant="danger" busy={act.busy} onClick={() => void act.run('pause', 'site')}>
            {t('lifecycle.pause.pauseSite')}
          </Button>
        ))}
    </div>
  );

  return (
    <Card title={t('lifecycle.pause.title')} subtitle={t('lifecycle.pause.lead')}>
      <QueryView query={status}>
        {(s) => (
          <div className="form">
            {s.site || s.company ? (
              <Notice tone="warn">
                <div className="pause-lines">
                  {s.site && <PauseLine pause={s.site} company={company} />}
                  {s.company && <PauseLine pause={s.company} company={company} />}
                </div>
              </Notice>
            ) : (
              <Notice tone="ok">{t('lifecycle.pause.running', { name: company.name })}</Notice>
            )}
            {act.error && <ErrorNote message={act.error} />}
            {canOperate && (
              <>
                <TextField
                  label={t('lifecycle.pause.reason')}
                  hint={t('lifecycle.pause.reasonHint')}
                  value={reason}
                  maxLength={500}
                  onChange={(e) => setReason(e.target.value)}
                />
                {buttons(s)}
              </>
            )}
          </div>
        )}
      </QueryView>
    </Card>
  );
}
