import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { WizardCreateCompanyAnswer } from '../../../../src-shared/contract/wizard';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card, PageHeader } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { navigate } from '../../lib/router';
import { formatInt } from '../../lib/format';
import { useSession } from '../../state/session';
import { StepBilling, StepCompany, StepHours, StepKey, StepRegion } from './Steps';
import { StepSetup } from './StepSetup';
import { Review, WizardDone } from './Review';
import { useUnsavedGuard } from '../../lib/guard';
import { STEPS, initialDraft, stepProblem, toInput, type WizardDraft } from './wizardState';

/** Which step an error from the server is about, from the field path it names. */
function stepOf(message: string): number | null {
  if (/^company\.(timezone|currency)/i.test(message)) return 1;
  if (/^company|slug/i.test(message)) return 0;
  if (/^schedule/i.test(message)) return 2;
  if (/^billing/i.test(message)) return 3;
  if (/^(outboundLines|scenarios)/i.test(message)) return 4;
  if (/^apiKey/i.test(message)) return 5;
  return null;
}

/** A new company in seven short steps; nothing is written until the last one, and then all at once. */
export function WizardPage() {
  const { t } = useTranslation();
  const [blank] = useState(() => JSON.stringify(initialDraft()));
  const [d, setD] = useState<WizardDraft>(initialDraft);
  const [step, setStep] = useState(0);
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<WizardCreateCompanyAnswer | null>(null);
  // a half-made company is kept until it is created or the person agrees to drop it
  useUnsavedGuard(done === null && JSON.stringify(d) !== blank);
  const putCompany = useSession((s) => s.putCompany);
  const select = useSession((s) => s.selectCompany);
  const set = (patch: Partial<WizardDraft>) => setD((x) => ({ ...x, ...patch }));
  const create = useAction(() => api.call('wizard.createCompany', toInput(d)));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = stepProblem(step, d);
    setProblem(p);
    if (p) return;
    if (step < STEPS.length - 1) return setStep(step + 1);
    const answer = await create.run();
    if (answer) {
      putCompany(answer.company);
      select(answer.company.id);
      setDone(answer);
    }
  };

  if (done) return <WizardDone answer={done} onOpen={() => navigate('/dashboard')} />;

  const errorStep = create.error ? stepOf(create.error) : null;
  const Body = [StepCompany, StepRegion, StepHours, StepBilling, StepSetup, StepKey][step];
  return (
    <div className="page">
      <PageHeader title={t('nav.pages.newCompany')} description={t('wizard.lead')} />
      <ol className="stepper" aria-label={t('wizard.stepsLabel')}>
        {STEPS.map((name, i) => (
          <li
            key={name}
            className={i === step ? 'is-current' : i < step ? 'is-done' : undefined}
            aria-current={i === step ? 'step' : undefined}
          >
            <button type="button" disabled={i > step} onClick={() => setStep(i)}>
              <span className="step-num">{formatInt(i + 1)}</span>
              {t(`wizard.steps.${name}`)}
            </button>
          </li>
        ))}
      </ol>
      <Card title={t(`wizard.steps.${STEPS[step]}`)}>
        <form className="wizard-form" onSubmit={submit} noValidate>
          {problem && <ErrorNote message={problem} />}
          {create.error && (
            <ErrorNote
              message={
                errorStep !== null
                  ? t('wizard.atStep', { error: create.error, n: formatInt(errorStep + 1), step: t(`wizard.steps.${STEPS[errorStep]}`) })
                  : create.error
              }
              onRetry={errorStep !== null ? () => setStep(errorStep) : undefined}
            />
          )}
          {Body ? <Body d={d} set={set} /> : <Review d={d} />}
          <div className="wizard-nav">
            <Button onClick={() => (step === 0 ? navigate('/companies') : setStep(step - 1))}>
              {step === 0 ? t('common.cancel') : t('common.back')}
            </Button>
            <Button type="submit" variant="primary" busy={create.busy}>
              {step === STEPS.length - 1 ? t('wizard.create') : t('common.next')}
            </Button>
          </div>
        </form>
      </Card>
    </div>
  );
}
