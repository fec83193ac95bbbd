import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import type { StepProps } from './Steps';

/** The first outbound lines and scenarios, as editable rows; empty rows are ignored. */
export function StepSetup({ d, set }: StepProps) {
  const { t } = useTranslation();
  const line = (i: number, patch: Partial<WizardLine>) => set({ lines: d.lines.map((l, j) => (j === i ? { ...l, ...patch } : l)) });
  const scen = (i: number, patch: Partial<WizardScenario>) =>
    set({ scenarios: d.scenarios.map((s, j) => (j === i ? { ...s, ...patch } : s)) });
  return (
    <div className="form">
      <fieldset className="fieldset-box">
        <legend>{t('wizard.setup.lines')}</legend>
        {d.lines.map((l, i) => (
          <div className="rows-3" key={i}>
            <input
              className="input"
              aria-label={t('wizard.setup.lineName', { n: i + 1 })}
              placeholder={t('wizard.setup.lineNamePlaceholder')}
              maxLength={120}
              value={l.name}
              onChange={(e) => line(i, { name: e.target.value })}
            />
            <input
              className="input"
              aria-label={t('wizard.setup.linePhone', { n: i + 1 })}
              maxLength={40}
              placeholder="+98 21 1234 5678"
              inputMode="tel"
              value={l.phone}
              onChange={(e) => line(i, { phone: e.target.value })}
            />
            <input
              className="input"
              aria-label={t('wizard.setup.lineCountry', { n: i + 1 })}
              placeholder="IR"
              maxLength={2}
              value={l.region}
              onChange={(e) => line(i, { region: e.target.value.toUpperCase() })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => set({ lines: d.lines.filter((_, j) => j !== i) })}
              aria-label={t('wizard.setup.removeLine', { n: i + 1 })}
            >
              {t('common.remove')}
            </Button>
          </div>
        ))}
        <Button size="sm" onClick={() => set({ lines: [...d.lines, { phone: '', name: '', region: '' }] })}>
          {t('wizard.setup.addLine')}
        </Button>
      </fieldset>
      <fieldset className="fieldset-box">
        <legend>{t('wizard.setup.scenarios')}</legend>
        {d.scenarios.map((s, i) => (
          <div className="rows-3" key={i}>
            <input
              className="input"
              aria-label={t('wizard.setup.scenarioName', { n: i + 1 })}
              placeholder={t('wizard.setup.scenarioNamePlaceholder')}
              maxLength={120}
              value={s.name}
              onChange={(e) => scen(i, { name: e.target.value })}
            />
            <input
              className="input mono"
              aria-label={t('wizard.setup.scenarioKey', { n: i + 1 })}
              maxLength={64}
              placeholder="spring_2026"
              value={s.key}
              onChange={(e) => scen(i, { key: e.target.value.toLowerCase() })}
            />
            <input
              className="input"
              aria-label={t('wizard.setup.scenarioDescription', { n: i + 1 })}
              placeholder={t('wizard.setup.optional')}
              maxLength={2000}
              value={s.description}
              onChange={(e) => scen(i, { description: e.target.value })}
            />
            <Button
              size="sm"
              variant="ghost"
              onClick={() => set({ scenarios: d.scenarios.filter((_, j) => j !== i) })}
              aria-label={t('wizard.setup.removeScenario', { n: i + 1 })}
            >
              {t('common.remove')}
            </Button>
          </div>
        ))}
        <Button size="sm" onClick={() => set({ scenarios: [...d.scenarios, { key: '', name: '', description: '' }] })}>
          {t('wizard.setup.addScenario')}
        </Button>
      </fieldset>
      <p className="muted small">{t('wizard.setup.later')}</p>
    </div>
  );
}

type WizardLine = StepProps['d']['lines'][number];
type WizardScenario = StepProps['d']['scenarios'][number];
