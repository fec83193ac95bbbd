import { useState } from 'react';
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

const TEXT = {
  title: 'Pause dialing',
  subtitle: 'Dialers get no new numbers while paused; leases already out run to their end.',
  running: (name: string) => `${name} is dialing.`,
  reason: 'Reason',
  reasonHint: 'Shown on the dashboard next to your name.',
  pauseCompany: (name: string) => `Pause ${name}`,
  resumeCompany: (name: string) => `Resume ${name}`,
  pauseSite: 'Pause the whole site',
  resumeSite: 'Resume the whole site',
  paused: 'Dialing paused',
  resumed: 'Dialing resumed',
};

/** Pause or resume a company's dialing, or (the owner) the whole site's, with a reason. */
export function PauseCard({ company }: { company: CompanyDto }) {
  const canOperate = useCan('operate');
  const isSite = useCan('site');
  const status = useQuery(() => api.call('pause.status', { companyId: company.id }), [company.id]);
  const [reason, setReason] = useState('');
  const act = useAction(async (what: 'pause' | 'resume', scope: 'company' | 'site') => {
    const target = scope === 'company' ? { companyId: company.id } : {};
    if (what === 'pause') await api.call('pause.set', { ...target, reason });
    else await api.call('pause.clear', target);
    toast(what === 'pause' ? TEXT.paused : TEXT.resumed);
    if (what === 'pause') setReason('');
    await status.reload();
  });

  const buttons = (s: PauseStatus) => (
    <div className="pause-actions">
      {s.company ? (
        <Button busy={act.busy} onClick={() => void act.run('resume', 'company')}>
          {TEXT.resumeCompany(company.name)}
        </Button>
      ) : (
        <Button variant="danger" busy={act.busy} onClick={() => void act.run('pause', 'company')}>
          {TEXT.pauseCompany(company.name)}
        </Button>
      )}
      {isSite &&
        (s.site ? (
          <Button busy={act.busy} onClick={() => void act.run('resume', 'site')}>
            {TEXT.resumeSite}
          </Button>
        ) : (
          <Button variant="danger" busy={act.busy} onClick={() => void act.run('pause', 'site')}>
            {TEXT.pauseSite}
          </Button>
        ))}
    </div>
  );

  return (
    <Card title={TEXT.title} subtitle={TEXT.subtitle}>
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
              <Notice tone="ok">{TEXT.running(company.name)}</Notice>
            )}
            {act.error && <ErrorNote message={act.error} />}
            {canOperate && (
              <>
                <TextField
                  label={TEXT.reason}
                  hint={TEXT.reasonHint}
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
