import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useUnsavedGuard } from '../lib/guard';
import { Button } from './Button';
import { ErrorNote } from './Feedback';

interface DialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  children: ReactNode;
  footer?: ReactNode;
  wide?: boolean;
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type=hidden]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** Tab from the last control wraps to the first (and back): the page behind is inert, the browser's bar is not. */
function trapTab(e: React.KeyboardEvent<HTMLDialogElement>) {
  if (e.key !== 'Tab') return;
  const items = [...e.currentTarget.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => el.offsetParent !== null);
  if (items.length === 0) return;
  const first = items[0];
  const last = items[items.length - 1];
  if (e.shiftKey && document.activeElement === first) {
    e.preventDefault();
    last.focus();
  } else if (!e.shiftKey && document.activeElement === last) {
    e.preventDefault();
    first.focus();
  }
}

/**
 * A modal on the native <dialog>: showModal() makes the page behind it inert, Tab wraps inside it,
 * Escape closes it, and focus returns to where it was.
 */
export function Dialog({ open, title, onClose, children, footer, wide }: DialogProps) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    if (open && !el.open) {
      const before = document.activeElement as HTMLElement | null;
      el.showModal();
      const first = el.querySelector<HTMLElement>('[autofocus], input:not([type=hidden]), select, textarea, button:not(.dialog-x)');
      first?.focus();
      return () => before?.focus?.();
    }
    if (!open && el.open) el.close();
  }, [open]);

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const cancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    el.addEventListener('cancel', cancel);
    return () => el.removeEventListener('cancel', cancel);
  }, []);

  if (!open) return <dialog ref={ref} className="dialog" />;
  return (
    <dialog ref={ref} className={`dialog ${wide ? 'dialog-wide' : ''}`} aria-labelledby={titleId} onKeyDown={trapTab}>
      <div className="dialog-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="dialog-x" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      <div className="dialog-body">{children}</div>
      {footer && <div className="dialog-foot">{footer}</div>}
    </dialog>
  );
}

interface FormDialogProps {
  open: boolean;
  title: string;
  onClose(): void;
  onSubmit(): void;
  submitLabel: string;
  busy?: boolean;
  error?: string | null;
  children: ReactNode;
  wide?: boolean;
  danger?: boolean;
}

/**
 * A dialog whose body is a form: Enter submits, the primary button shows progress. Once anything in
 * it was typed or picked, closing it (Cancel, ×, Escape) or leaving the page asks first.
 */
export function FormDialog({ open, title, onClose, onSubmit, submitLabel, busy, error, children, wide, danger }: FormDialogProps) {
  const { t } = useTranslation();
  const formId = useId();
  const [dirty, setDirty] = useState(false);
  const [asking, setAsking] = useState(false);
  const keepRef = useRef<HTMLButtonElement>(null);
  useUnsavedGuard(open && dirty);
  useEffect(() => {
    if (!open) {
      setDirty(false);
      setAsking(false);
    }
  }, [open]);
  useEffect(() => {
    if (asking) keepRef.current?.focus();
  }, [asking]);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!busy) onSubmit();
  };
  const close = () => (dirty && !busy ? setAsking(true) : onClose());
  const footer = asking ? (
    <div className="dialog-ask" role="alertdialog" aria-label={t('common.discardTitle')}>
      <span>
        <strong>{t('common.discardTitle')}</strong> {t('common.discardBody')}
      </span>
      <Button ref={keepRef} onClick={() => setAsking(false)}>
        {t('common.keepEditing')}
      </Button>
      <Button variant="danger" onClick={onClose}>
        {t('common.discard')}
      </Button>
    </div>
  ) : (
    <>
      <Button onClick={close}>{t('common.cancel')}</Button>
      <Button type="submit" form={formId} variant={danger ? 'danger' : 'primary'} busy={busy}>
        {submitLabel}
      </Button>
    </>
  );
  return (
    <Dialog open={open} title={title} onClose={close} wide={wide} footer={footer}>
      <form id={formId} onSubmit={submit} onInput={() => setDirty(true)} onChange={() => setDirty(true)} className="form" noValidate>
        {error && <ErrorNote message={error} />}
        {children}
      </form>
    </Dialog>
  );
}
