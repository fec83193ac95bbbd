import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

/** The very first screen of a new desk: the site owner's account. */
export function FirstRunPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const signedIn = useSession((s) => s.signedIn);
  const setup = useAction(async () => {
    const user = await api.call('auth.setup', { username: username.trim(), password });
    await signedIn(user, true);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) return setMismatch(t('auth.firstRun.mismatch'));
    setMismatch(null);
    void setup.run();
  };

  return (
    <AuthLayout title={t('auth.firstRun.title')} lead={t('auth.firstRun.lead')}>
      <form className="form" onSubmit={submit}>
        {setup.error && <ErrorNote message={setup.error} />}
        <TextField
          label={t('auth.firstRun.username')}
          maxLength={40}
          autoComplete="username"
          autoFocus
          hint={t('auth.firstRun.usernameHint')}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <TextField
          label={t('auth.firstRun.password')}
          maxLength={200}
          type="password"
          autoComplete="new-password"
          hint={t('auth.firstRun.passwordHint')}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <TextField
          label={t('auth.firstRun.again')}
          maxLength={200}
          type="password"
          autoComplete="new-password"
          error={mismatch}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" busy={setup.busy} className="btn-block">
          {t('auth.firstRun.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
