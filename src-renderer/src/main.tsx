import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { initI18n } from './i18n';
import './styles/base.css';
import './styles/layout.css';
import './styles/auth.css';
import './styles/components.css';
import './styles/forms.css';
import './styles/dashboard.css';
import './styles/calls.css';
import './styles/schedule.css';
import './styles/inbound.css';
import './styles/setup.css';
import './styles/lifecycle.css';

initI18n();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
