import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto } from '../../../../src-shared/contract';
import type { ScheduleDto, ScheduleException, ScheduleWindow, Weekday } from '../../../../src-shared/contract/schedule';
import { api } from '../../api/client';
import { useAction, useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card, PageHeader } from '../../components/Card';
import { ErrorNote, Notice, QueryView } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { formatDateTime } from '../../lib/format';
import { useCan } from '../../lib/useCan';
import { useUnsavedGuard } from '../../lib/guard';
import { DayWindows } from './DayWindows';
import { ExceptionsEditor } from './ExceptionsEditor';
import { WeekGrid } from './WeekGrid';
import { weekdayRange, windowProblem } from './windows';

const WEEKDAYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
/** Iran's working week: Saturday to Wednesday (Thursday often half a day, Friday off) */
const SAT_WED: Weekday[] = ['sat', 'sun', 'mon', 'tue', 'wed'];
const ALL: Weekday[] = [...WEEKDAYS, 'sat', 'sun'];

export function SchedulePage({ company }: { company: CompanyDto }) {
  const schedule = useQuery(() => api.call('schedule.get', { companyId: company.id }), [company.id]);
  return (
    <div className="page">
      <QueryView query={schedule}>{(s) => <ScheduleEditor company={company} saved={s} onSaved={() => void schedule.reload()} />}</QueryView>
    </div>
  );
}

function ScheduleEditor({ company, saved, onSaved }: { company: CompanyDto; saved: ScheduleDto; onSaved(): void }) {
  const { t } = useTranslation();
  const editable = useCan('operate');
  const [windows, setWindows] = useState<ScheduleWindow[]>(saved.windows);
  const [exceptions, setExceptions] = useState<ScheduleException[]>(saved.exceptions);
  useEffect(() => {
    setWindows(saved.windows);
    setExceptions(saved.exceptions);
  }, [saved]);
  const dirty =
    JSON.stringify(windows) !== JSON.stringify(saved.windows) || JSON.stringify(exceptions) !== JSON.stringify(saved.exceptions);
  useUnsavedGuard(dirty);
  const problem = windowProblem(windows);
  const save = useAction(() => api.call('schedule.set', { companyId: company.id, windows, exceptions }));
  const submit = async () => {
    if (problem) return;
    if (await save.run()) {
      toast(t('schedule.saved'));
      onSaved();
    }
  };

  const status = saved.openNow ? (
    <Badge tone="ok">
      {t('schedule.openNow')}
      {saved.closesAt ? t('schedule.closes', { at: formatDateTime(saved.closesAt, company.timezone) }) : ''}
    </Badge>
  ) : (
    <Badge tone="warn">
      {t('schedule.closedNow')}
      {saved.nextOpenAt ? t('schedule.opens', { at: formatDateTime(saved.nextOpenAt, company.timezone) }) : t('schedule.noOpening')}
    </Badge>
  );

  return (
    <>
      <PageHeader
        title={t('nav.pages.schedule')}
        description={t('schedule.lead', { company: company.name, timezone: company.timezone })}
        actions={
          editable && (
            <>
              <Button
                onClick={() => {
                  setWindows(saved.windows);
                  setExceptions(saved.exceptions);
                }}
                disabled={!dirty}
              >
                {t('schedule.discard')}
              </Button>
              <Button variant="primary" onClick={() => void submit()} busy={save.busy} disabled={!dirty || !!problem}>
                {t('schedule.save')}
              </Button>
            </>
          )
        }
      />
      {!editable && <Notice>{t('schedule.readOnly')}</Notice>}
      {save.error && <ErrorNote message={save.error} />}
      {problem && <ErrorNote message={problem} />}
      {dirty && !problem && <Notice tone="warn">{t('schedule.unsaved')}</Notice>}
      <Card
        title={t('schedule.weekly')}
        subtitle={editable ? t('schedule.weeklyHint') : undefined}
        actions={
          <>
            {status}
            {editable && (
              <>
                <Button size="sm" onClick={() => setWindows(weekdayRange(WEEKDAYS, '09:00', '17:00'))}>
                  {t('schedule.presets.monFri')}
                </Button>
                <Button size="sm" onClick={() => setWindows(weekdayRange(SAT_WED, '08:00', '16:00'))}>
                  {t('schedule.presets.satWed')}
                </Button>
                <Button
                  size="sm"
                  onClick={() => setWindows([...weekdayRange(SAT_WED, '08:00', '16:00'), ...weekdayRange(['thu'], '08:00', '12:00')])}
                >
                  {t('schedule.presets.satWedThu')}
                </Button>
                <Button size="sm" onClick={() => setWindows(weekdayRange(ALL, '00:00', '24:00'))}>
                  {t('schedule.presets.always')}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => setWindows([])}>
                  {t('schedule.clear')}
                </Button>
              </>
            )}
          </>
        }
      >
        <WeekGrid windows={windows} editable={editable} onChange={setWindows} />
        <DayWindows windows={windows} editable={editable} onChange={setWindows} />
      </Card>
      <Card title={t('schedule.exceptions')} subtitle={t('schedule.exceptionsHint')}>
        <ExceptionsEditor value={exceptions} editable={editable} onChange={setExceptions} />
      </Card>
    </>
  );
}
