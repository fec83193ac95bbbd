import { useEffect } from 'react';
import { Toaster } from './components/Toaster';
import { Loading } from './components/Feedback';
import { Shell } from './layout/Shell';
import { FirstRunPage } from './pages/auth/FirstRunPage';
import { SignInPage } from './pages/auth/SignInPage';
import { UnreachablePage } from './pages/auth/UnreachablePage';
import { useSession } from './state/session';

export function App() {
  const phase = useSession((s) => s.phase);
  const boot = useSession((s) => s.boot);

  useEffect(() => {
    void boot();
  }, [boot]);

  return (
    <>
      {phase === 'booting' && (
        <div className="center-screen">
          <Loading label="Opening DialDesk…" />
        </div>
      )}
      {phase === 'unreachable' && <UnreachablePage />}
      {phase === 'setup' && <FirstRunPage />}
      {phase === 'signedOut' && <SignInPage />}
      {phase === 'signedIn' && <Shell />}
      <Toaster />
    </>
  );
}
