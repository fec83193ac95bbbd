import type { InboundWarning } from '../../../../src-shared/contract/inbound-settings';
import { i18next } from '../../i18n';

/** The vendors by their product names, the same in every language. */
const VENDOR_NAMES = { openai: 'OpenAI', microsoft: 'Azure OpenAI' } as const;

/**
 * One inbound warning as the console shows it. English is the server's own sentence (the CLI prints
 * the same one); another language words it by its code, naming the vendor and whose model it is.
 */
export function warningText(w: InboundWarning): string {
  if (i18next.language === 'en') return `${w.message[0].toUpperCase()}${w.message.slice(1)}.`;
  return i18next.t(`inbound.warnings.${w.code}`, {
    vendor: w.vendor ? VENDOR_NAMES[w.vendor] : '',
    owner: w.source ? i18next.t(`inbound.warnings.owners.${w.source}`) : '',
  });
}
