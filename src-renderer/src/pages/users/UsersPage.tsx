import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CompanyDto, UserDto } from '../../../../src-shared/contract';
import type { Role } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { useQuery } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, QueryView } from '../../components/Feedback';
import { formatDateTime } from '../../lib/format';
import { useSession } from '../../state/session';
import { UserDialog } from './UserDialog';

/** Admins manage their company's people; the site owner sees everyone and can scope by company. */
export function UsersPage({ company }: { company: CompanyDto | null }) {
  const { t } = useTranslation();
  const me = useSession((s) => s.user)!;
  const companies = useSession((s) => s.companies);
  const isSite = me.role === 'superuser';
  const [scope, setScope] = useState<'company' | 'all'>(company ? 'company' : 'all');
  const [editing, setEditing] = useState<UserDto | 'new' | null>(null);
  const companyFilter = isSite && scope === 'all' ? undefined : (company?.id ?? undefined);
  const users = useQuery(() => api.call('users.list', companyFilter ? { companyId: companyFilter } : {}), [companyFilter]);
  const roles: Role[] = isSite ? ['admin', 'supervisor', 'viewer', 'superuser'] : ['admin', 'supervisor', 'viewer'];
  const tz = company?.timezone ?? 'UTC';
  const companyName = (id: number | null) =>
    id === null ? t('users.allCompanies') : (companies.find((c) => c.id === id)?.name ?? `#${id}`);

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.users')}
        description={t('users.lead')}
        actions={
          <Button variant="primary" onClick={() => setEditing('new')}>
            {t('users.new')}
          </Button>
        }
      />
      <Card
        title={
          isSite && scope === 'all' ? t('users.everyone') : t('users.peopleOf', { company: company?.name ?? t('users.thisCompanyName') })
        }
        actions={
          isSite &&
          company && (
            <div className="segmented" role="group" aria-label={t('users.showUsersOf')}>
              <button type="button" aria-pressed={scope === 'company'} onClick={() => setScope('company')}>
                {t('users.thisCompany')}
              </button>
              <button type="button" aria-pressed={scope === 'all'} onClick={() => setScope('all')}>
                {t('users.all')}
              </button>
            </div>
          )
        }
      >
        <QueryView query={users}>
          {(list) =>
            list.length === 0 ? (
              <EmptyState title={t('users.none')}>{t('users.noneBody')}</EmptyState>
            ) : (
              <table className="table">
                <thead>
                  <tr>
                    <th>{t('users.cols.username')}</th>
                    <th>{t('users.cols.role')}</th>
                    <th>{t('users.cols.company')}</th>
                    <th>{t('users.cols.lastSignIn')}</th>
                    <th>{t('users.cols.status')}</th>
                    <th className="actions-col">
                      <span className="sr-only">{t('common.actions')}</span>
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
                          {u.id === me.id && <span className="muted small">{t('users.you')}</span>}
                        </td>
                        <td>{t(`shell.roles.${u.role}`)}</td>
                        <td>{companyName(u.companyId)}</td>
                        <td>{u.lastLoginAt ? formatDateTime(u.lastLoginAt, tz) : <span className="muted">{t('common.never')}</span>}</td>
                        <td>
                          {!u.isActive ? (
                            <Badge>{t('common.inactive')}</Badge>
                          ) : locked ? (
                            <Badge tone="warn">{t('users.locked')}</Badge>
                          ) : (
                            <Badge tone="ok">{t('common.active')}</Badge>
                          )}
                        </td>
                        <td className="actions-col">
                          {(isSite || u.role !== 'superuser') && (
                            <Button size="sm" onClick={() => setEditing(u)} aria-label={t('common.editLabel', { name: u.username })}>
                              {t('common.edit')}
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
