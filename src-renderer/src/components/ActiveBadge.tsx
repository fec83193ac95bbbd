import { Badge } from './Card';

export function ActiveBadge({ active }: { active: boolean }) {
  return active ? <Badge tone="ok">Active</Badge> : <Badge>Inactive</Badge>;
}
