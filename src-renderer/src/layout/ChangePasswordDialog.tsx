import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { useAction } from '../api/hooks';
import { FormDialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { toast } from '../components/Toaster';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const save = useAction(() => api.call('auth.changePassword', { currentPassword: current, newPassword: next }), {
    fields: ['currentPassword', 'newPassword'],
  });

  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setMismatch(null);
    save.clearError();
    onClose();
  };

  const submit = async () => {
    if (next !== repeat) return setMismatch(t('shell.password.mismatch'));
    setMismatch(null);
    const done = await save.run();
    if (done !== undefined) {
      toast(t('shell.password.changed'));
      close();
    }
  };

  return (
    <FormDialog
      open={open}
      title={t('shell.password.title')}
      onClose={close}
      onSubmit={submit}
      submitLabel={t('shell.password.title')}
      busy={save.busy}
      error={save.error}
    >
      <TextField
        label={t('shell.password.current')}
        type="password"
        autoComplete="current-password"
        value={current}
        maxLength={200}
        error={save.fieldErrors.currentPassword}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <TextField
        label={t('shell.password.new')}
        type="password"
        autoComplete="new-password"
        hint={t('shell.password.newHint')}
        value={next}
        maxLength={200}
        error={save.fieldErrors.newPassword}
        onChange={(e) => setNext(e.target.value)}
        required
      />
      <TextField
        label={t('shell.password.again')}
        type="password"
        autoComplete="new-password"
        error={mismatch}
        value={repeat}
        maxLength={200}
        onChange={(e) => setRepeat(e.target.value)}
        required
      />
    </FormDialog>
  );
}
