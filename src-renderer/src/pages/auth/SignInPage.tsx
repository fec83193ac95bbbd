import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote, Notice } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

export function SignInPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const notice = useSession((s) => s.notice);
  const signedIn = useSession((s) => s.signedIn);
  const login = useAction(async () => {
    const user = await api.call('auth.login', { username: username.trim(), password });
    await signedIn(user);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    void login.run();
  };

  return (
    <AuthLayout title="Sign in" lead="Use the name and password your site owner gave you.">
      <form className="form" onSubmit={submit}>
        {notice && <Notice tone="warn">{notice}</Notice>}
        {login.error && <ErrorNote message={login.error} />}
        <TextField
          label="Username"
          autoComplete="username"
          autoFocus
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" busy={login.busy} className="btn-block">
          Sign in
        </Button>
      </form>
    </AuthLayout>
  );
}
