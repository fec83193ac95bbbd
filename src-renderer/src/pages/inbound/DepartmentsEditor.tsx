import { useTranslation } from 'react-i18next';
import type { Department } from '../../../../src-shared/contract';
import { Button } from '../../components/Button';
import { formatDigits } from '../../lib/format';

/** Rows of name / transfer number / description; the AI agent offers these to callers. */
export function DepartmentsEditor({ value, onChange }: { value: Department[]; onChange(v: Department[]): void }) {
  const { t } = useTranslation();
  const set = (i: number, patch: Partial<Department>) => onChange(value.map((d, j) => (j === i ? { ...d, ...patch } : d)));
  return (
    <fieldset className="departments">
      <legend>{t('inbound.departments.legend')}</legend>
      {value.length === 0 && <p className="muted small">{t('inbound.departments.none')}</p>}
      {value.map((d, i) => (
        <div className="department-row" key={i}>
          <input
            className="input"
            aria-label={t('inbound.departments.name', { n: formatDigits(i + 1) })}
            placeholder={t('inbound.departments.namePlaceholder')}
            value={d.name}
            onChange={(e) => set(i, { name: e.target.value })}
          />
          <input
            className="input"
            aria-label={t('inbound.departments.transferNumber', { n: formatDigits(i + 1) })}
            placeholder="+49 30 1234567"
            inputMode="tel"
            value={d.transferNumber}
            onChange={(e) => set(i, { transferNumber: e.target.value })}
          />
          <input
            className="input"
            aria-label={t('inbound.departments.description', { n: formatDigits(i + 1) })}
            placeholder={t('inbound.departments.descriptionPlaceholder')}
            value={d.description}
            onChange={(e) => set(i, { description: e.target.value })}
          />
          <Button
            size="sm"
            variant="ghost"
            onClick={() => onChange(value.filter((_, j) => j !== i))}
            aria-label={t('inbound.departments.remove', { n: formatDigits(i + 1) })}
          >
            {t('common.remove')}
          </Button>
        </div>
      ))}
      {value.length < 20 && (
        <Button size="sm" onClick={() => onChange([...value, { name: '', transferNumber: '', description: '', hours: [] }])}>
          {t('inbound.departments.add')}
        </Button>
      )}
    </fieldset>
  );
}
