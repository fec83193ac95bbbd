import type { ReactNode } from 'react';

export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="note note-error" role="alert">
      <span>{message}</span>
      {onRetry && (
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
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

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="loading" role="status" aria-live="polite">
      <span className="spinner" aria-hidden="true" />
      <span>{label}</span>
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

/** Shows loading, then an error with a retry, then the content: the three states of every card. */
export function QueryView<T>({
  query,
  children,
  loadingLabel,
}: {
  query: { data: T | undefined; error: string | null; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
  loadingLabel?: string;
}) {
  if (query.data === undefined) {
    if (query.error) return <ErrorNote message={query.error} onRetry={() => query.reload()} />;
    return <Loading label={loadingLabel} />;
  }
  return (
    <>
      {query.error && <ErrorNote message={query.error} onRetry={() => query.reload()} />}
      {children(query.data)}
    </>
  );
}
