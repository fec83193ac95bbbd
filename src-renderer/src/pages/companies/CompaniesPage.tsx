import { useState } from 'react';
import type { CompanyDto } from '../../../../src-shared/contract';
import { can } from '../../../../src-shared/roles';
import { api } from '../../api/client';
import { Button } from '../../components/Button';
import { ToggleActiveButton } from '../../components/ToggleActiveButton';
import { useConfirm } from '../../components/Confirm';
import { Badge, Card, PageHeader } from '../../components/Card';
import { EmptyState, Notice } from '../../components/Feedback';
import { toast } from '../../components/Toaster';
import { formatMoney } from '../../lib/format';
import { useSession } from '../../state/session';
import { CompanyDialog } from './CompanyDialog';
import { ImportCompanyDialog } from './ImportCompanyDialog';
import { deliverFile } from '../../lib/savedFile';
import { navigate } from '../../lib/router';

export function CompaniesPage() {
  const user = useSession((s) => s.user)!;
  const companies = useSession((s) => s.companies);
  const currentId = useSession((s) => s.companyId);
  const select = useSession((s) => s.selectCompany);
  const putCompany = useSession((s) => s.putCompany);
  const [editing, setEditing] = useState<CompanyDto | 'new' | null>(null);
  const isSite = can(user.role, 'site');

  const confirm = useConfirm();
  const [importing, setImporting] = useState(false);
  const exportCompany = async (c: CompanyDto) => {
    try {
      const answer = await api.call('transfer.exportCompany', { companyId: c.id });
      deliverFile(answer, `${c.name}'s setup`);
    } catch (err) {
      toast(err instanceof Error ? err.message : String(err), 'error');
    }
  };

  const setActive = async (c: CompanyDto, isActive: boolean) => {
    const saved = await api.call('companies.update', { companyId: c.id, isActive });
    putCompany(saved);
    toast(saved.isActive ? `${saved.name} is active again` : `${saved.name} is deactivated`);
  };
  const toggle = (c: CompanyDto) =>
    c.isActive
      ? confirm.ask({
          title: `Deactivate ${c.name}?`,
          body: 'Dialers get no more numbers for this company until you activate it again. Its data, wallet and results stay.',
          confirmLabel: 'Deactivate',
          danger: true,
          run: () => setActive(c, false),
        })
      : void setActive(c, true).catch((err) => toast(String(err.message ?? err), 'error'));

  return (
    <div className="page">
      <PageHeader
        title="Companies"
        description="Every company this site dials for. Dialers name a company by its slug."
        actions={
          isSite && (
            <>
              <Button onClick={() => setImporting(true)}>Import company file</Button>
              {companies.length > 0 && <Button onClick={() => setEditing('new')}>Quick add</Button>}
              <Button variant="primary" onClick={() => navigate('/new-company')}>
                New company
              </Button>
            </>
          )
        }
      />
      {!isSite && <Notice>Only the site owner can create, change or deactivate companies. You can see yours here.</Notice>}
      <Card>
        {companies.length === 0 ? (
          <EmptyState
            title="No companies yet"
            action={
              isSite && (
                <div className="page-actions">
                  <Button variant="primary" onClick={() => navigate('/new-company')}>
                    Set up the first company
                  </Button>
                  <Button onClick={() => setEditing('new')}>Quick add</Button>
                </div>
              )
            }
          >
            A company holds its scenarios, lines, agents, hours, wallet and results.
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>Name</th>
                <th>Slug</th>
                <th>Time zone</th>
                <th>Billing</th>
                <th className="num">Wallet</th>
                <th>Status</th>
                {isSite && (
                  <th className="actions-col">
                    <span className="sr-only">Actions</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => (
                <tr key={c.id} className={c.id === currentId ? 'is-current' : undefined}>
                  <td>
                    <strong>{c.name}</strong>
                    {c.id === currentId && <span className="muted small"> · current</span>}
                  </td>
                  <td className="mono">{c.slug}</td>
                  <td>{c.timezone}</td>
                  <td>
                    {c.billingMode === 'per_call'
                      ? `${formatMoney(c.costPerBillable, c.currency)} / billable call`
                      : `${formatMoney(c.costPerMinute, c.currency)} / minute`}
                  </td>
                  <td className="num">{formatMoney(c.walletBalance, c.currency)}</td>
                  <td>{c.isActive ? <Badge tone="ok">Active</Badge> : <Badge tone="neutral">Inactive</Badge>}</td>
                  {isSite && (
                    <td className="actions-col">
                      {c.id !== currentId && (
                        <Button size="sm" variant="ghost" onClick={() => select(c.id)}>
                          Switch to
                        </Button>
                      )}
                      <Button size="sm" variant="ghost" onClick={() => void exportCompany(c)} aria-label={`Export ${c.name}`}>
                        Export
                      </Button>
                      <Button size="sm" onClick={() => setEditing(c)} aria-label={`Edit ${c.name}`}>
                        Edit
                      </Button>
                      <ToggleActiveButton active={c.isActive} label={c.name} onClick={() => toggle(c)} />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>
      <CompanyDialog
        open={editing !== null}
        company={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
        onSaved={(c) => {
          putCompany(c);
          setEditing(null);
        }}
      />
      {confirm.dialog}
      {importing && (
        <ImportCompanyDialog
          onClose={() => setImporting(false)}
          onImported={(c) => {
            putCompany(c);
            setImporting(false);
          }}
        />
      )}
    </div>
  );
}
