import { useTranslation } from 'react-i18next';
import type { LogLocation } from '../../../../src-shared/contract';
import { Card } from '../../components/Card';
import { formatBytes, formatInt } from '../../lib/format';

/** Where this desk writes its log, for the site owner who must send it along with a problem. */
export function LogCard({ log }: { log: LogLocation }) {
  const { t } = useTranslation();
  return (
    <Card title={t('settings.log.title')} subtitle={t('settings.log.lead')}>
      {log.folder ? (
        <dl className="facts" data-testid="log-location">
          <dt>{t('settings.log.folder')}</dt>
          <dd>
            <code>{log.folder}</code>
          </dd>
          <dt>{t('settings.log.writing')}</dt>
          <dd>
            <code>{log.file ?? '—'}</code>
          </dd>
          <dt>{t('settings.log.kept')}</dt>
          <dd>{t('settings.log.keptValue', { files: formatInt(log.files), size: formatBytes(log.fileBytes) })}</dd>
        </dl>
      ) : (
        <p className="muted">{t('settings.log.none')}</p>
      )}
    </Card>
  );
}
