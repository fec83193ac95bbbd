import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Query } from '../api/hooks';
import { useAction } from '../api/hooks';
import { ActiveBadge } from './ActiveBadge';
import { Button } from './Button';
import { Card, PageHeader } from './Card';
import { EmptyState, Notice, QueryView } from './Feedback';
import { toast } from './Toaster';
import { ToggleActiveButton } from './ToggleActiveButton';

/** A record a company switches on and off (scenario, line, agent, AI agent, inbound number). */
export interface OwnedRecord {
  id: number;
  isActive: boolean;
}

export interface Column<T> {
  header: string;
  cell(row: T): ReactNode;
  className?: string;
}

export interface OwnedRecordsPageProps<T extends OwnedRecord> {
  title: string;
  description: string;
  /** "New line" */
  newLabel: string;
  empty: { title: string; body: ReactNode; addLabel: string };
  query: Query<T[]>;
  canEdit: boolean;
  /** what a row is called in buttons and messages ("Berlin trunk 1", "+4930…") */
  label(row: T): string;
  /** switches the row off (deactivate) or on (update isActive), answering the saved row */
  setActive(row: T, active: boolean): Promise<T>;
  /** the toast after a switch; "<label> is active|inactive" by default */
  switched?(saved: T): string;
  /** the rows as a table, or each row as a card of its own */
  columns?: Column<T>[];
  card?(row: T, actions: ReactNode): ReactNode;
  /** more buttons on a row, before Edit (a preview) */
  rowActions?(row: T): ReactNode;
  /** above the list: warnings that depend on the rows */
  notices?: ReactNode;
  /** beside the list's card title: filters */
  cardActions?: ReactNode;
  cardTitle?: string;
  /** after the list (a settings card) */
  footer?: ReactNode;
  /** the create/edit dialog for a row, or for a new one (null) */
  dialog(row: T | null, close: () => void, saved: () => void): ReactNode;
}

/**
 * The one list page of the company-owned records: header with "New …", the rows with their on/off
 * badge, Edit and Activate/Deactivate for those who may operate, an empty state that invites the
 * first one, and the create/edit dialog.
 */
export function OwnedRecordsPage<T extends OwnedRecord>(props: OwnedRecordsPageProps<T>) {
  const { t } = useTranslation();
  const { canEdit, query, label } = props;
  const [editing, setEditing] = useState<T | 'new' | null>(null);
  const toggle = useAction(async (row: T) => {
    const saved = await props.setActive(row, !row.isActive);
    toast(props.switched?.(saved) ?? t(saved.isActive ? 'common.isActive' : 'common.isInactive', { name: label(saved) }));
    await query.reload();
  });
  const add = canEdit && (
    <Button variant="primary" onClick={() => setEditing('new')}>
      {props.newLabel}
    </Button>
  );
  const actions = (row: T) => (
    <>
      {props.rowActions?.(row)}
      {canEdit && (
        <Button size="sm" onClick={() => setEditing(row)} aria-label={t('common.editLabel', { name: label(row) })}>
          {t('common.edit')}
        </Button>
      )}
      {canEdit && <ToggleActiveButton active={row.isActive} label={label(row)} onClick={() => void toggle.run(row)} />}
    </>
  );
  const showActions = canEdit || !!props.rowActions;

  return (
    <div className="page">
      <PageHeader title={props.title} description={props.description} actions={add} />
      {toggle.error && <Notice tone="warn">{toggle.error}</Notice>}
      {props.notices}
      <QueryView query={query}>
        {(rows) =>
          rows.length === 0 ? (
            <Card title={props.cardTitle} actions={props.cardActions}>
              <EmptyState
                title={props.empty.title}
                action={
                  canEdit && (
                    <Button variant="primary" onClick={() => setEditing('new')}>
                      {props.empty.addLabel}
                    </Button>
                  )
                }
              >
                {props.empty.body}
              </EmptyState>
            </Card>
          ) : props.card ? (
            <div className="grid-2">{rows.map((row) => props.card!(row, actions(row)))}</div>
          ) : (
            <Card title={props.cardTitle} actions={props.cardActions}>
              <table className="table">
                <thead>
                  <tr>
                    {props.columns!.map((c) => (
                      <th key={c.header}>{c.header}</th>
                    ))}
                    <th>{t('common.status')}</th>
                    {showActions && (
                      <th className="actions-col">
                        <span className="sr-only">{t('common.actions')}</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((row) => (
                    <tr key={row.id}>
                      {props.columns!.map((c) => (
                        <td key={c.header} className={c.className}>
                          {c.cell(row)}
                        </td>
                      ))}
                      <td>
                        <ActiveBadge active={row.isActive} />
                      </td>
                      {showActions && <td className="actions-col">{actions(row)}</td>}
                    </tr>
                  ))}
                </tbody>
              </table>
            </Card>
          )
        }
      </QueryView>
      {props.footer}
      {editing !== null &&
        props.dialog(
          editing === 'new' ? null : editing,
          () => setEditing(null),
          () => {
            setEditing(null);
            void query.reload();
          },
        )}
    </div>
  );
}
