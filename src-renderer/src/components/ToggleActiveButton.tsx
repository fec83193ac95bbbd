import { useTranslation } from 'react-i18next';
import { Button } from './Button';

/** The Deactivate / Activate button every setup list carries, named for screen readers by its row. */
export function ToggleActiveButton({ active, label, onClick }: { active: boolean; label: string; onClick(): void }) {
  const { t } = useTranslation();
  return (
    <Button
      size="sm"
      variant={active ? 'danger' : 'secondary'}
      onClick={onClick}
      aria-label={active ? t('common.deactivateLabel', { name: label }) : t('common.activateLabel', { name: label })}
    >
      {active ? t('common.deactivate') : t('common.activate')}
    </Button>
  );
}
