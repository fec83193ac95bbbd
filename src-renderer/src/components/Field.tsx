import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { formatLocalDate, formatLocalDateTime } from '../lib/format';
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

type DateType = 'date' | 'month' | 'datetime-local';

/**
 * What a date, month or date-and-time input holds, in the console's calendar when that is the Persian
 * one (the browser's picker speaks Gregorian whatever the page's language): null otherwise.
 */
function useDateEcho(type: DateType, value: string): string | null {
  const persian = useLocale((s) => s.calendar === 'persian');
  if (!persian || !value) return null;
  if (type === 'month') return formatLocalDate(value, 'month');
  return type === 'datetime-local' ? formatLocalDateTime(value) : formatLocalDate(value);
}

type DateProps = Omit<InputProps, 'type' | 'value'> & { value: string; type?: DateType };

/** A labelled date input (YYYY-MM-DD, YYYY-MM or a wall-clock time), echoed beneath it in the Jalali calendar when chosen. */
export function DateField({ hint, value, type = 'date', ...rest }: DateProps) {
  const echo = useDateEcho(type, value);
  return (
    <TextField
      type={type}
      value={value}
      hint={
        echo ? (
          <span className="date-echo" data-testid="date-echo">
            {echo}
          </span>
        ) : (
          hint
        )
      }
      {...rest}
    />
  );
}

/** The same input and echo where the layout puts the label itself (a compact range, a table's add row). */
export function DateInput({
  value,
  type = 'date',
  className,
  ...input
}: Omit<InputHTMLAttributes<HTMLInputElement>, 'type' | 'value'> & DateInputOwn) {
  const echo = useDateEcho(type, value);
  const id = useId();
  return (
    <span className="date-input">
      <input type={type} value={value} className={className ?? 'input'} aria-describedby={echo ? id : undefined} {...input} />
      {echo && (
        <span id={id} className="date-echo field-hint" data-testid="date-echo" aria-hidden="true">
          {echo}
        </span>
      )}
    </span>
  );
}
interface DateInputOwn {
  value: string;
  type?: DateType;
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
