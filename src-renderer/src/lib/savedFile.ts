import type { SavedFileAnswer } from '../../../src-shared/contract/exports';
import { toast } from '../components/Toaster';

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
    toast(`${what} downloaded as ${answer.fileName}`);
  } else if (answer.savedTo) {
    toast(`${what} saved to ${answer.savedTo}`);
  }
}
