import { useTranslation } from 'react-i18next';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { useGuard } from '../lib/guard';

/** "Leave without saving?" whenever a page with unsaved changes is about to be left (lib/guard.ts). */
export function LeaveDialog() {
  const { t } = useTranslation();
  const pending = useGuard((s) => s.pending);
  const { confirm, cancel } = useGuard.getState();
  return (
    <Dialog
      open={pending !== null}
      title={t('common.leaveTitle')}
      onClose={cancel}
      footer={
        <>
          <Button variant="primary" onClick={cancel} autoFocus>
            {t('common.stay')}
          </Button>
          <Button variant="danger" onClick={confirm}>
            {t('common.leave')}
          </Button>
        </>
      }
    >
      <p>{t('common.leaveBody')}</p>
    </Dialog>
  );
}
