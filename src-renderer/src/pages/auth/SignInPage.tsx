import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const { t } = useTranslation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const notice = useSession((s) => s.notice);
  const signedIn = useSession((s) => s.signedIn);
  const login = useAction(async () => {
    const user = await api.call('auth.login', { username: username.trim(), password });
    // typed here: the window opens this user's home page, not the last user's page
    await signedIn(user, true);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login.run();
  };

  return (
    <AuthLayout title={t('auth.signIn.title')} lead={t('auth.signIn.lead')}>
      <form className="form" onSubmit={submit}>
        {notice === 'expired' && <Notice tone="warn">{t('auth.signIn.expired')}</Notice>}
        {login.error && <ErrorNote message={login.error} />}
        <TextField
          label={t('auth.signIn.username')}
          autoComplete="username"
          autoFocus
          maxLength={40}
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <TextField
          label={t('auth.signIn.password')}
          type="password"
          autoComplete="current-password"
          maxLength={200}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" busy={login.busy} className="btn-block">
          {t('auth.signIn.submit')}
        </Button>
      </form>
    </AuthLayout>
  );
}
