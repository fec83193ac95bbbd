import { useTranslation } from 'react-i18next';
import { Badge } from './Card';

export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return active ? <Badge tone="ok">{t('common.active')}</Badge> : <Badge>{t('common.inactive')}</Badge>;
}
