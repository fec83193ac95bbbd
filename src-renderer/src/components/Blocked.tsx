import { useTranslation } from 'react-i18next';
import type { DialingBlock } from '../../../src-shared/contract/dialer';
import { formatDateTime } from '../lib/format';
import { Badge } from './Card';

/** "Outside calling hours · opens Tue 08:00": why dialers get no numbers, and when that ends if known. */
export function useBlockedText() {
  const { t, i18n } = useTranslation();
  return (block: DialingBlock, timeZone: string) => {
    const key = `blocked.reasons.${block.reason}`;
    const label = i18n.exists(key) ? t(key as 'blocked.reasons.paused') : t('blocked.unknown', { reason: block.reason });
    const helpKey = `blocked.help.${block.reason}`;
    const help = i18n.exists(helpKey) ? t(helpKey as 'blocked.help.paused') : '';
    const opens =
      block.reason === 'outside_schedule'
        ? block.nextOpenAt
          ? t('blocked.opens', { when: formatDateTime(block.nextOpenAt, timeZone) })
          : t('blocked.noOpening')
        : null;
    return { label, help, opens };
  };
}

/** A warning badge with the reason, or a green "Dialing" when nothing stops the dialers. */
export function BlockedBadge({ block, timeZone }: { block: DialingBlock | null; timeZone: string }) {
  const { t } = useTranslation();
  const text = useBlockedText();
  if (!block) return <Badge tone="ok">{t('blocked.dialing')}</Badge>;
  const { label, help, opens } = text(block, timeZone);
  return (
    <span className="blocked" title={help || undefined}>
      <Badge tone="warn">{label}</Badge>
      {opens && <span className="muted small"> {opens}</span>}
    </span>
  );
}
