import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../api/errors';
import { FormDialog } from './Dialog';

interface Ask {
  title: string;
  body: ReactNode;
  confirmLabel: string;
  danger?: boolean;
  run(): Promise<unknown>;
}

/**
 * `const confirm = useConfirm(); confirm.ask({...})` then render `confirm.dialog`: a yes/no dialog
 * whose yes runs the action and shows its error in place.
 */
export function useConfirm() {
  const { t } = useTranslation();
  const [ask, setAsk] = useState<Ask | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const close = () => {
    setAsk(null);
    setError(null);
  };
  const submit = async () => {
    if (!ask) return;
    setBusy(true);
    setError(null);
    try {
      await ask.run();
      close();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  const dialog = (
    <FormDialog
      open={ask !== null}
      title={ask?.title ?? ''}
      onClose={close}
      onSubmit={submit}
      submitLabel={ask?.confirmLabel ?? t('common.ok')}
      busy={busy}
      error={error}
      danger={ask?.danger}
    >
      <div className="confirm-body">{ask?.body}</div>
    </FormDialog>
  );
  return { ask: (a: Ask) => setAsk(a), dialog };
}
