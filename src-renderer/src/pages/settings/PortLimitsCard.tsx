import { useState, type FormEvent } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { DeskSettings } from '../../../../src-shared/contract';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { useUnsavedGuard } from '../../lib/guard';
import { toast } from '../../components/Toaster';

interface Props {
  desk: DeskSettings;
  editable: boolean;
  onSaved(): void;
}

/** The HTTP port's request limits: a desk setting, applied by the running port within a second. */
export function PortLimitsCard({ desk, editable, onSaved }: Props) {
  const { t } = useTranslation();
  const [perKey, setPerKey] = useState(String(desk.rateLimitPerKey));
  const [perAddress, setPerAddress] = useState(String(desk.rateLimitPerAddress));
  const [problem, setProblem] = useState<string | null>(null);
  useUnsavedGuard(perKey !== String(desk.rateLimitPerKey) || perAddress !== String(desk.rateLimitPerAddress));
  const save = useAction(() =>
    api.call('settings.updateDesk', { rateLimitPerKey: Number(perKey), rateLimitPerAddress: Number(perAddress) }),
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (![perKey, perAddress].every((v) => /^\d+$/.test(v.trim()) && Number(v) >= 1)) {
      return setProblem(t('settings.limits.bad'));
    }
    setProblem(null);
    if (await save.run()) {
      toast(t('settings.limits.saved'));
      onSaved();
    }
  };

  return (
    <Card title={t('settings.limits.title')} subtitle={<Trans i18nKey="settings.limits.lead" components={{ code: <code /> }} />}>
      <form className="form" onSubmit={submit} aria-label={t('settings.limits.title')}>
        {(problem ?? save.error) && <ErrorNote message={(problem ?? save.error)!} />}
        <fieldset disabled={!editable} className="fieldset">
          <TextField
            label={t('settings.limits.perKey')}
            inputMode="numeric"
            maxLength={7}
            value={perKey}
            onChange={(e) => setPerKey(e.target.value)}
            hint={t('settings.limits.perKeyHint')}
          />
          <TextField
            label={t('settings.limits.perAddress')}
            inputMode="numeric"
            maxLength={7}
            value={perAddress}
            onChange={(e) => setPerAddress(e.target.value)}
            hint={t('settings.limits.perAddressHint')}
          />
        </fieldset>
        {editable && (
          <div className="form-actions">
            <Button type="submit" variant="primary" busy={save.busy}>
              {t('settings.limits.save')}
            </Button>
          </div>
        )}
      </form>
    </Card>
  );
}
