import { useState } from 'react';
import { api } from '../api/client';
import { useAction } from '../api/hooks';
import { FormDialog } from '../components/Dialog';
import { TextField } from '../components/Field';
import { toast } from '../components/Toaster';

export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const save = useAction(() => api.call('auth.changePassword', { currentPassword: current, newPassword: next }));

  const close = () => {
    setCurrent('');
    setNext('');
    setRepeat('');
    setMismatch(null);
    save.clearError();
    onClose();
  };

  const submit = async () => {
    if (next !== repeat) return setMismatch('The two new passwords are not the same.');
    setMismatch(null);
    const done = await save.run();
    if (done !== undefined) {
      toast('Password changed');
      close();
    }
  };

  return (
    <FormDialog
      open={open}
      title="Change password"
      onClose={close}
      onSubmit={submit}
      submitLabel="Change password"
      busy={save.busy}
      error={save.error}
    >
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={current}
        onChange={(e) => setCurrent(e.target.value)}
        required
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        value={next}
        onChange={(e) => setNext(e.target.value)}
        required
      />
      <TextField
        label="New password again"
        type="password"
        autoComplete="new-password"
        error={mismatch}
        value={repeat}
        onChange={(e) => setRepeat(e.target.value)}
        required
      />
    </FormDialog>
  );
}
