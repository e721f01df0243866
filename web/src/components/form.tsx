// Accessible form pieces: every field has a label, its error is announced and linked with
// aria-describedby, and a form-level error banner takes focus so keyboard users hear it.
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { DateTimeText } from './date-input';

let counter = 0;
const nextId = () => `f${++counter}`;

interface FieldProps {
  label: string;
  error?: string;
  hint?: string;
  value: string;
  onValue(v: string): void;
  id?: string;
  name?: string;
  type?: string;
  autoComplete?: string;
  inputMode?: 'text' | 'numeric' | 'tel' | 'email' | 'search' | 'decimal' | 'url' | 'none';
  required?: boolean;
  disabled?: boolean;
  min?: string;
  max?: string;
  maxLength?: number;
  placeholder?: string;
  multiline?: boolean;  // a textarea for longer text (reasons, notes)
}

export function Field({ label, error, hint, value, onValue, id, type = 'text', multiline, ...rest }: FieldProps) {
  const fieldId = useRef(id ?? nextId()).current as string;
  // Dates and times: our own inputs (dd/mm/yyyy, 24 hours) whatever the browser's language.
  const [typedError, setTypedError] = useState('');
  const shownError = error || typedError;
  const describedBy = [hint ? fieldId + '-hint' : '', shownError ? fieldId + '-error' : ''].filter(Boolean).join(' ');
  if (type === 'date' || type === 'time' || type === 'datetime-local') {
    const [datePart, timePart] = type === 'datetime-local' ? [value.slice(0, 10), value.slice(11, 16)] : [value, value];
    const emit = (d: string, t: string) => onValue(d && t ? `${d}T${t}` : '');
    return (
      <div class={'field' + (shownError ? ' field--invalid' : '')}>
        <label for={fieldId}>{label}</label>
        {hint && (
          <p class="field__hint" id={fieldId + '-hint'}>
            {hint}
          </p>
        )}
        <div class="field__datetime">
          {type !== 'time' && (
            <DateTimeText
              id={fieldId}
              kind="date"
              value={datePart}
              onValue={(v) => {
                setTypedError('');
                type === 'datetime-local' ? emit(v, timePart || '08:00') : onValue(v);
              }}
              onInvalid={setTypedError}
              describedBy={describedBy || undefined}
              invalid={!!shownError}
              required={rest.required}
              disabled={rest.disabled}
            />
          )}
          {type !== 'date' && (
            <DateTimeText
              id={type === 'time' ? fieldId : fieldId + '-time'}
              kind="time"
              value={timePart}
              onValue={(v) => {
                setTypedError('');
                type === 'datetime-local' ? emit(datePart, v) : onValue(v);
              }}
              onInvalid={setTypedError}
              describedBy={describedBy || undefined}
              invalid={!!shownError}
              disabled={rest.disabled}
            />
          )}
        </div>
        {type === 'datetime-local' && (
          <label class="visually-hidden" for={fieldId + '-time'}>
            {label} — giờ
          </label>
        )}
        {shownError && (
          <p class="field__error" id={fieldId + '-error'}>
            {shownError}
          </p>
        )}
      </div>
    );
  }
  return (
    <div class={'field' + (error ? ' field--invalid' : '')}>
      <label for={fieldId}>{label}</label>
      {hint && (
        <p class="field__hint" id={fieldId + '-hint'}>
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea
          id={fieldId}
          value={value}
          onInput={(e) => onValue((e.target as HTMLTextAreaElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          required={rest.required}
          disabled={rest.disabled}
          maxLength={rest.maxLength}
        />
      ) : (
        <input
          id={fieldId}
          type={type as 'text'}
          value={value}
          onInput={(e) => onValue((e.target as HTMLInputElement).value)}
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={describedBy || undefined}
          {...rest}
        />
      )}
      {error && (
        <p class="field__error" id={fieldId + '-error'}>
          {error}
        </p>
      )}
    </div>
  );
}

// An error for people; with `onRetry`, a button to try again (a failed load).
export function ErrorBanner({ message, onRetry }: { message: string; onRetry?: () => void }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div class="banner banner--error" role="alert" tabIndex={-1} ref={ref}>
      {message}
      {onRetry && (
        <>
          {' '}
          <button type="button" class="link-button" onClick={onRetry}>
            Thử lại
          </button>
        </>
      )}
    </div>
  );
}

export function Button({
  children,
  busy,
  ...rest
}: { children: ComponentChildren; busy?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>) {
  return (
    <button class="button" disabled={busy} aria-busy={busy ? 'true' : undefined} {...rest}>
      {busy ? 'Đang xử lý…' : children}
    </button>
  );
}

// A confirmation of what just happened, announced politely to screen readers.
export function Notice({ message }: { message: string }) {
  if (!message) return null;
  return (
    <div class="banner banner--success" role="status">
      {message}
    </div>
  );
}

// A labelled choice with the same error and hint handling as Field. `placeholder` is the empty
// first option ("— Chọn … —"), left out when omitted.
export function SelectField({
  label,
  id,
  value,
  onValue,
  options,
  placeholder,
  error,
}: {
  label: string;
  id: string;
  value: string;
  onValue(v: string): void;
  options: [string, string][];
  placeholder?: string;
  error?: string;
}) {
  return (
    <div class={'field' + (error ? ' field--invalid' : '')}>
      <label for={id}>{label}</label>
      <select
        id={id}
        value={value}
        onChange={(e) => onValue((e.target as HTMLSelectElement).value)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? id + '-error' : undefined}
      >
        {placeholder !== undefined && <option value="">{placeholder}</option>}
        {options.map(([v, text]) => (
          <option value={v}>{text}</option>
        ))}
      </select>
      {error && (
        <p class="field__error" id={id + '-error'}>
          {error}
        </p>
      )}
    </div>
  );
}
