import { Button } from './Button';

/** The Deactivate / Activate button every setup list carries, named for screen readers by its row. */
export function ToggleActiveButton({ active, label, onClick }: { active: boolean; label: string; onClick(): void }) {
  const verb = active ? 'Deactivate' : 'Activate';
  return (
    <Button size="sm" variant={active ? 'danger' : 'secondary'} onClick={onClick} aria-label={`${verb} ${label}`}>
      {verb}
    </Button>
  );
}
