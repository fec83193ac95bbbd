import { useTranslation } from 'react-i18next';
import { can } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { PageHeader } from '../../components/Card';
import { Notice, QueryView } from '../../components/Feedback';
import { useSession } from '../../state/session';
import { DeskSettingsCard } from './DeskSettingsCard';
import { SiteSettingsCard } from './SiteSettingsCard';
import { BackupCard } from './BackupCard';
import { PortLimitsCard } from './PortLimitsCard';
import { LogCard } from './LogCard';
import { TlsCard } from './TlsCard';
import { DatabaseCard } from './DatabaseCard';

export function SettingsPage() {
  const { t } = useTranslation();
  const role = useSession((s) => s.user!.role);
  const settings = useQuery(() => api.call('settings.get', {}), []);
  const editable = can(role, 'site');
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.settings')} description={t('settings.lead')} />
      {!editable && <Notice>{t('settings.ownerOnly')}</Notice>}
      <QueryView query={settings}>
        {(s) => (
          <div className="grid-2">
            <DeskSettingsCard desk={s.desk} listening={s.httpListening} editable={editable} onSaved={() => void settings.reload()} />
            <SiteSettingsCard site={s.site} editable={editable} onSaved={() => void settings.reload()} />
            <PortLimitsCard desk={s.desk} editable={editable} onSaved={() => void settings.reload()} />
            {editable && <BackupCard desk={s.desk} onFolderChosen={() => void settings.reload()} />}
            {editable && <TlsCard desk={s.desk} onChanged={() => void settings.reload()} />}
            {editable && <DatabaseCard />}
            {editable && <LogCard log={s.log} />}
          </div>
        )}
      </QueryView>
    </div>
  );
}
