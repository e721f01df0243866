// A procedure's e-form (tờ khai điện tử): its fields rendered by type, and the values turned into
// the JSON the server validates (numbers as numbers, empty fields left out). The online wizard
// and counter reception use the same fields, so an applicant's and a desk's dossier read alike.
import { Field, SelectField } from './form';
import type { FormField } from '../onestop';

export function EFormFields({
  form,
  values,
  errors,
  onChange,
}: {
  form: FormField[];
  values: Record<string, string>;
  errors: Record<string, string>;
  onChange(key: string, value: string): void;
}) {
  return (
    <>
      {form.map((ff) =>
        ff.type === 'select' ? (
          <SelectField
            id={'form-' + ff.key}
            label={ff.label + (ff.required ? ' (bắt buộc)' : '')}
            value={values[ff.key] ?? ''}
            onValue={(v) => onChange(ff.key, v)}
            placeholder="— Chọn —"
            options={(ff.options ?? []).map((o) => [o, o])}
            error={errors['form_data.' + ff.key]}
          />
        ) : (
          <Field
            label={ff.label + (ff.required ? ' (bắt buộc)' : '')}
            type={ff.type === 'number' ? 'text' : ff.type === 'textarea' ? 'text' : ff.type}
            inputMode={ff.type === 'number' ? 'numeric' : undefined}
            multiline={ff.type === 'textarea'}
            value={values[ff.key] ?? ''}
            onValue={(v) => onChange(ff.key, v)}
            error={errors['form_data.' + ff.key]}
          />
        ),
      )}
    </>
  );
}

// Problems the browser can tell before sending: required fields left empty, numbers that are not.
export function eformProblems(form: FormField[], values: Record<string, string>): Record<string, string> {
  const problems: Record<string, string> = {};
  for (const ff of form) {
    const v = (values[ff.key] ?? '').trim();
    if (!v) {
      if (ff.required) problems['form_data.' + ff.key] = 'Bắt buộc nhập.';
    } else if (ff.type === 'number' && !/^\d+([.,]\d+)?$/.test(v)) {
      problems['form_data.' + ff.key] = 'Nhập một số (ví dụ 2 hoặc 120,5).';
    }
  }
  return problems;
}

export function eformData(form: FormField[], values: Record<string, string>): Record<string, string | number> {
  const data: Record<string, string | number> = {};
  for (const ff of form) {
    const v = (values[ff.key] ?? '').trim();
    if (!v) continue;
    data[ff.key] = ff.type === 'number' ? Number(v.replace(',', '.')) : v;
  }
  return data;
}
