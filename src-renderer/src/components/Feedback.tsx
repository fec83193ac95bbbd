import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function ErrorNote({ message, onRetry, id }: { message: string; onRetry?: () => void; id?: string }) {
  const { t } = useTranslation();
  return (
    <div className="note note-error" role="alert" id={id}>
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          {t('common.tryAgain')}
        </button>
      )}
    </div>
  );
}

export function Notice({ tone = 'info', children }: { tone?: 'info' | 'warn' | 'ok'; children: ReactNode }) {
  return (
    <div className={`note note-${tone}`} role={tone === 'warn' ? 'alert' : 'status'}>
      {children}
    </div>
  );
}

export function Loading({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label ?? t('common.loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children, action }: { title: string; children?: ReactNode; action?: ReactNode }) {
  return (
    <div className="empty">
      <div className="empty-mark" aria-hidden="true" />
      <h3>{title}</h3>
      {children && <p>{children}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

/**
 * Shows loading, then an error (with a retry when asking again may help), then the content: the
 * three states of every card. Never the last figures under an error.
 */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: string | null; retryable?: boolean; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.error) return <ErrorNote message={query.error} onRetry={query.retryable === false ? undefined : () => query.reload()} />;
  if (query.data === undefined) return <Loading label={loadingLabel} />;
  return <>{children(query.data)}</>;
}
