import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Toaster } from './components/Toaster';
import { Loading } from './components/Feedback';
import { Shell } from './layout/Shell';
import { LeaveDialog } from './layout/LeaveDialog';
import { FirstRunPage } from './pages/auth/FirstRunPage';
import { SignInPage } from './pages/auth/SignInPage';
import { UnreachablePage } from './pages/auth/UnreachablePage';
import { useSession } from './state/session';
import { useLocale } from './lib/locale';

export function App() {
  const { t } = useTranslation();
  const phase = useSession((s) => s.phase);
  const boot = useSession((s) => s.boot);
  // figures, dates and directions are worked out as pages render: a new language or calendar renders anew
  const locale = useLocale((s) => `${s.language}:${s.calendar}`);

  useEffect(() => {
    void boot();
  }, [boot]);

  return (
    <div key={locale} className="app">
      {phase === 'booting' && (
        <div className="center-screen">
          <Loading label={t('shell.opening')} />
        </div>
      )}
      {phase === 'unreachable' && <UnreachablePage />}
      {phase === 'setup' && <FirstRunPage />}
      {phase === 'signedOut' && <SignInPage />}
      {phase === 'signedIn' && <Shell />}
      <LeaveDialog />
      <Toaster />
    </div>
  );
}
