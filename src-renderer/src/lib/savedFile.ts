import type { SavedFileAnswer } from '../../../src-shared/contract/exports';
import { toast } from '../components/Toaster';
import { i18next } from '../i18n';

/**
 * Hands a file the main process produced to the person: inside the app it is already saved where
 * they chose (savedTo); under `dialdesk serve` the answer carries a one-time download link.
 */
export function deliverFile(answer: SavedFileAnswer, what: string): void {
  if (answer.cancelled) return;
  if (answer.downloadUrl) {
    const a = document.createElement('a');
    a.href = answer.downloadUrl;
    a.download = answer.fileName;
    a.rel = 'noopener';
    document.body.appendChild(a);
    a.click();
    a.remove();
    toast(i18next.t('common.downloaded', { what, file: answer.fileName }));
  } else if (answer.savedTo) {
    toast(i18next.t('common.savedTo', { what, path: answer.savedTo }));
  }
}
