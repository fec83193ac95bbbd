import { useState } from 'react';
import type { CompanyDto, UserDto } from '../../../../src-shared/contract';
import type { Role } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../state/session';
import { ROLE_TEXT, UserDialog } from './UserDialog';

/** Admins manage their company's people; the site owner sees everyone and can scope by company. */
export function UsersPage({ company }: { company: CompanyDto | null }) {
  const me = useSession((s) => s.user)!;
  const companies = useSession((s) => s.companies);
  const isSite = me.role === 'superuser';
  const [scope, setScope] = useState<'company' | 'all'>(company ? 'company' : 'all');
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const companyFilter = isSite && scope === 'all' ? undefined : (company?.id ?? undefined);
  const users = useQuery(() => api.call('users.list', companyFilter ? { companyId: companyFilter } : {}), [companyFilter]);
  const roles: Role[] = isSite ? ['admin', 'supervisor', 'viewer', 'superuser'] : ['admin', 'supervisor', 'viewer'];
  const tz = company?.timezone ?? 'UTC';
  const companyName = (id: number | null) => (id === null ? 'All companies' : (companies.find((c) => c.id === id)?.name ?? `#${id}`));

  return (
    <div className="page">
      <PageHeader
        title="Users"
        description="Who can sign in to this console, and what each may do."
        actions={
          <Button variant="primary" onClick={() => setEditing('new')}>
            New user
          </Button>
        }
      />
      <Card
        title={isSite && scope === 'all' ? 'Everyone on this site' : `People of ${company?.name ?? 'this company'}`}
        actions={
          isSite &&
          company && (
            <div className="segmented" role="group" aria-label="Show users of">
              <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                This company
              </button>
              <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                All
              </button>
            </div>
          )
        }
      >
        <QueryView query={users}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title="No users here yet">Add an admin, supervisor or viewer for this company.</EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>Username</th>
                    <th>Role</th>
                    <th>Company</th>
                    <th>Last sign-in</th>
                    <th>Status</th>
                    <th className="actions-col">
                      <span className="sr-only">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((u) => {
                    const locked = !!u.lockedUntil && new Date(u.lockedUntil).getTime() > Date.now();
                    return (
                      <tr key={u.id}>
                        <td>
                          <strong>{u.username}</strong>
                          {u.id === me.id && <span className="muted small"> · you</span>}
                        </td>
                        <td>{ROLE_TEXT[u.role].label}</td>
                        <td>{companyName(u.companyId)}</td>
                        <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, tz) : <span className="muted">never</span>}</td>
                        <td>
                          {!u.isActive ? (
                            <Badge>Inactive</Badge>
                          ) : locked ? (
                            <Badge tone="warn">Locked</Badge>
                          ) : (
                            <Badge tone="ok">Active</Badge>
                          )}
                        </td>
                        <td className="actions-col">
                          {(isSite || u.role !== 'superuser') && (
                            <Button size="sm" onClick={() => setEditing(u)} aria-label={`Edit ${u.username}`}>
                              Edit
                            </Button>
                          )}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            )
          }
        </QueryView>
      </Card>
      {editing !== null && (
        <UserDialog
          user={editing === 'new' ? null : editing}
          roles={roles}
          companies={isSite ? companies : companies.filter((c) => c.id === me.companyId)}
          defaultCompanyId={company?.id ?? companies[0]?.id ?? null}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            void users.reload();
          }}
        />
      )}
    </div>
  );
}
