import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../../api/errors';
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
  const { t } = useTranslation();
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
      deliverFile(answer, t('companies.setupFile', { name: c.name }));
    } catch (err) {
      toast(errorText(err), 'error');
    }
  };

  const setActive = async (c: CompanyDto, isActive: boolean) => {
    const saved = await api.call('companies.update', { companyId: c.id, isActive });
    putCompany(saved);
    toast(t(saved.isActive ? 'companies.activeAgain' : 'companies.deactivated', { name: saved.name }));
  };
  const toggle = (c: CompanyDto) =>
    c.isActive
      ? confirm.ask({
          title: t('companies.deactivateTitle', { name: c.name }),
          body: t('companies.deactivateBody'),
          confirmLabel: t('common.deactivate'),
          danger: true,
          run: () => setActive(c, false),
        })
      : void setActive(c, true).catch((err: unknown) => toast(errorText(err), 'error'));

  return (
    <div className="page">
      <PageHeader
        title={t('nav.pages.companies')}
        description={t('companies.lead')}
        actions={
          isSite && (
            <>
              <Button onClick={() => setImporting(true)}>{t('companies.importFile')}</Button>
              {companies.length > 0 && <Button onClick={() => setEditing('new')}>{t('companies.quickAdd')}</Button>}
              <Button variant="primary" onClick={() => navigate('/new-company')}>
                {t('companies.new')}
              </Button>
            </>
          )
        }
      />
      {!isSite && <Notice>{t('companies.ownerOnly')}</Notice>}
      <Card>
        {companies.length === 0 ? (
          <EmptyState
            title={t('companies.none')}
            action={
              isSite && (
                <div className="page-actions">
                  <Button variant="primary" onClick={() => navigate('/new-company')}>
                    {t('companies.first')}
                  </Button>
                  <Button onClick={() => setEditing('new')}>{t('companies.quickAdd')}</Button>
                </div>
              )
            }
          >
            {t('companies.noneBody')}
          </EmptyState>
        ) : (
          <table className="table">
            <thead>
              <tr>
                <th>{t('companies.cols.name')}</th>
                <th>{t('companies.cols.slug')}</th>
                <th>{t('companies.cols.timezone')}</th>
                <th>{t('companies.cols.billing')}</th>
                <th className="num">{t('companies.cols.wallet')}</th>
                <th>{t('companies.cols.status')}</th>
                {isSite && (
                  <th className="actions-col">
                    <span className="sr-only">{t('common.actions')}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {companies.map((c) => (
                <tr key={c.id} className={c.id === currentId ? 'is-current' : undefined}>
                  <td>
                    <strong>{c.name}</strong>
                    {c.id === currentId && <span className="muted small">{t('companies.current')}</span>}
                  </td>
                  <td className="mono">{c.slug}</td>
                  <td>{c.timezone}</td>
                  <td>
                    {c.billingMode === 'per_call'
                      ? t('companies.perCall', { price: formatMoney(c.costPerBillable, c.currency) })
                      : t('companies.perMinute', { price: formatMoney(c.costPerMinute, c.currency) })}
                  </td>
                  <td className="num">{formatMoney(c.walletBalance, c.currency)}</td>
                  <td>
                    {c.isActive ? <Badge tone="ok">{t('common.active')}</Badge> : <Badge tone="neutral">{t('common.inactive')}</Badge>}
                  </td>
                  {isSite && (
                    <td className="actions-col">
                      {c.id !== currentId && (
                        <Button size="sm" variant="ghost" onClick={() => select(c.id)}>
                          {t('companies.switchTo')}
                        </Button>
                      )}
                      <Button
                        size="sm"
                        variant="ghost"
                        onClick={() => void exportCompany(c)}
                        aria-label={t('companies.exportLabel', { name: c.name })}
                      >
                        {t('companies.export')}
                      </Button>
                      <Button size="sm" onClick={() => setEditing(c)} aria-label={t('common.editLabel', { name: c.name })}>
                        {t('common.edit')}
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
