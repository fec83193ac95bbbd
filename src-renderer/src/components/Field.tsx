import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { formatLocalDate } from '../lib/format';
import { useLocale } from '../lib/locale';

interface FieldProps {
  label: string;
  hint?: ReactNode;
  error?: string | null;
  /** receives the id to put on the control and the id of its hint or error, for aria-describedby */
  children: (id: string, describedBy: string | undefined) => ReactNode;
  className?: string;
}

/**
 * A label tied to its control, with an optional hint and an error that belongs to it: the error is
 * the control's description (aria-describedby) and the control is marked invalid, so a screen reader
 * reads it on the field, not somewhere above the form.
 */
export function Field({ label, hint, error, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint || error ? `${id}-hint` : undefined;
  return (
    <div className={`field ${error ? 'has-error' : ''} ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      {children(id, hintId)}
      {(error || hint) && (
        <div id={hintId} className={error ? 'field-error' : 'field-hint'}>
          {error ?? hint}
        </div>
      )}
    </div>
  );
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | null };

export function TextField({ label, hint, error, className, ...input }: InputProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(id, d) => <input id={id} aria-describedby={d} aria-invalid={error ? true : undefined} className="input" {...input} />}
    </Field>
  );
}

/**
 * A calendar date typed in the browser's date picker (its value is always YYYY-MM-DD), echoed in the
 * console's calendar beneath it when that is the Persian one.
 */
export function DateField({ hint, value, ...rest }: InputProps & { value: string }) {
  const persian = useLocale((s) => s.calendar === 'persian');
  const echo = persian && value ? formatLocalDate(value) : null;
  return <TextField type="date" value={value} hint={echo ?? hint} {...rest} />;
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | null };

export function SelectField({ label, hint, error, className, children, ...select }: SelectProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(id, d) => (
        <select id={id} aria-describedby={d} aria-invalid={error ? true : undefined} className="input" {...select}>
          {children}
        </select>
      )}
    </Field>
  );
}

type AreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> & { label: string; hint?: ReactNode; error?: string | null };

export function TextAreaField({ label, hint, error, className, ...area }: AreaProps) {
  return (
    <Field label={label} hint={hint} error={error} className={className}>
      {(id, d) => <textarea id={id} aria-describedby={d} aria-invalid={error ? true : undefined} className="input" {...area} />}
    </Field>
  );
}

type CheckProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> & { label: string; hint?: ReactNode };

export function CheckboxField({ label, hint, className, ...input }: CheckProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={`field field-check ${className ?? ''}`}>
      <input id={id} type="checkbox" aria-describedby={hintId} {...input} />
      <label htmlFor={id}>{label}</label>
      {hint && (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      )}
    </div>
  );
}
