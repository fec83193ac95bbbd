import { useState, type FormEvent } from 'react';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useSession } from '../../state/session';
import { AuthLayout } from './AuthLayout';

/** The very first screen of a new desk: the site owner's account. */
export function FirstRunPage() {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const signedIn = useSession((s) => s.signedIn);
  const setup = useAction(async () => {
    const user = await api.call('auth.setup', { username: username.trim(), password });
    await signedIn(user);
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (password !== repeat) return setMismatch('The two passwords are not the same.');
    setMismatch(null);
    void setup.run();
  };

  return (
    <AuthLayout
      title="Welcome to DialDesk"
      lead="This desk has no accounts yet. Create the site owner: the account that sets up companies, users and the dialer port."
    >
      <form className="form" onSubmit={submit}>
        {setup.error && <ErrorNote message={setup.error} />}
        <TextField
          label="Site owner username"
          autoComplete="username"
          autoFocus
          hint="3 to 40 letters, digits, dots, dashes or underscores."
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          required
        />
        <TextField
          label="Password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <TextField
          label="Password again"
          type="password"
          autoComplete="new-password"
          error={mismatch}
          value={repeat}
          onChange={(e) => setRepeat(e.target.value)}
          required
        />
        <Button type="submit" variant="primary" busy={setup.busy} className="btn-block">
          Create site owner
        </Button>
      </form>
    </AuthLayout>
  );
}
