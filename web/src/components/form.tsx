// Accessible form pieces: every field has a label, its error is announced and linked with
// aria-describedby, and a form-level error banner takes focus so keyboard users hear it.
import type { ButtonHTMLAttributes, ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

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
  const describedBy = [hint ? fieldId + '-hint' : '', error ? fieldId + '-error' : ''].filter(Boolean).join(' ');
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

export function ErrorBanner({ message }: { message: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div class="banner banner--error" role="alert" tabIndex={-1} ref={ref}>
      {message}
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
