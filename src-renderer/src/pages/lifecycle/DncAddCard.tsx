import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { useAction } from '../../api/hooks';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorNote } from '../../components/Feedback';
import { TextField } from '../../components/Field';
import { CountryPicker } from '../../components/Pickers';
import { toast } from '../../components/Toaster';

/**
 * One number typed onto a list. `companyId` null is the site's list; whether this person may write it
 * is the server's to say (an admin naming another company is refused there, not only hidden here).
 */
export function DncAddCard({
  companyId,
  listName,
  defaultCountry,
  onAdded,
}: {
  companyId: number | null;
  listName: string;
  defaultCountry: string | null;
  onAdded(): void;
}) {
  const { t } = useTranslation();
  const [phone, setPhone] = useState('');
  const [region, setRegion] = useState(defaultCountry ?? '');
  const add = useAction(
    async () => {
      const report = await api.call('dnc.add', {
        ...(companyId !== null && { companyId }),
        phone,
        ...(region && { region }),
      });
      toast(t(report.added > 0 ? 'dnc.add.added' : 'dnc.add.known', { phone: phone.trim(), list: listName }));
      setPhone('');
      onAdded();
    },
    { fields: ['phone', 'region'] },
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void add.run();
  };
  return (
    <Card title={t('dnc.add.title')} subtitle={t('dnc.add.lead', { list: listName })}>
      <form className="form" onSubmit={submit}>
        {add.error && <ErrorNote message={add.error} />}
        <div className="form-row">
          <TextField
            label={t('dnc.add.phone')}
            value={phone}
            inputMode="tel"
            maxLength={40}
            required
            error={add.fieldErrors.phone}
            onChange={(e) => setPhone(e.target.value)}
          />
          <CountryPicker label={t('dnc.add.country')} value={region} onChange={setRegion} error={add.fieldErrors.region} />
        </div>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={add.busy}>
            {t('dnc.add.submit')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
