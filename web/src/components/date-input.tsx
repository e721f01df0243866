// Date and time inputs that read the same in every browser: dd/mm/yyyy and 24-hour HH:MM, as
// Vietnamese write them. Native date inputs follow the browser's language (an English Chromium
// shows mm/dd/yyyy and "11:20 PM"), so these are text inputs that accept what people type
// (23/11/2026, 23-11-2026, 23.11.26, 9:5, 0905) and hand the page ISO values (2026-11-23,
// 09:05). A value that cannot be read is reported in Vietnamese, not silently dropped.
import { useEffect, useState } from 'preact/hooks';

// "2026-11-23" → "23/11/2026"
export function isoToVn(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : '';
}

// What a person typed → "YYYY-MM-DD", "" for nothing, null when it is not a real date.
export function parseVnDate(text: string): string | null {
  const t = text.trim();
  if (!t) return '';
  // A pasted ISO date (2026-11-23) is read as such.
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  const m = iso
    ? [t, iso[3], iso[2], iso[1]]
    : (/^(\d{1,2})\s*[/.\-\s]\s*(\d{1,2})\s*[/.\-\s]\s*(\d{2}|\d{4})$/.exec(t) ?? /^(\d{2})(\d{2})(\d{4})$/.exec(t));
  if (!m) return null;
  const day = Number(m[1]);
  const month = Number(m[2]);
  let year = Number(m[3]);
  if (m[3].length === 2) year += 2000;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

// What a person typed → "HH:MM" (24 hours), "" for nothing, null when it is not a time.
export function parseTime(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/\s*(giờ|g|h)\s*/, ':').replace(/\s*phút\s*$/, '');
  if (!t) return '';
  const m = /^(\d{1,2})(?::(\d{1,2}))?$/.exec(t) ?? /^(\d{2})(\d{2})$/.exec(t);
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2] ?? 0);
  if (h > 23 || min > 59) return null;
  return `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`;
}

interface Props {
  id: string;
  value: string; // ISO date, or HH:MM for kind "time"
  onValue(v: string): void;
  kind?: 'date' | 'time';
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  disabled?: boolean;
  onInvalid?(message: string): void;
}

export function DateTimeText({ id, value, onValue, kind = 'date', describedBy, invalid, required, disabled, onInvalid }: Props) {
  const shown = kind === 'date' ? isoToVn(value) : value;
  const [text, setText] = useState(shown);
  // Follow the value when the page changes it (a reset, a loaded record).
  useEffect(() => {
    const parsed = kind === 'date' ? parseVnDate(text) : parseTime(text);
    if (parsed !== value) setText(shown);
  }, [value]);
  return (
    <input
      id={id}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder={kind === 'date' ? 'ngày/tháng/năm' : 'giờ:phút'}
      value={text}
      required={required}
      disabled={disabled}
      aria-invalid={invalid ? 'true' : undefined}
      aria-describedby={describedBy}
      onInput={(e) => {
        const t = (e.target as HTMLInputElement).value;
        setText(t);
        const parsed = kind === 'date' ? parseVnDate(t) : parseTime(t);
        if (parsed !== null) onValue(parsed);
      }}
      onBlur={() => {
        const parsed = kind === 'date' ? parseVnDate(text) : parseTime(text);
        if (parsed === null)
          onInvalid?.(kind === 'date' ? 'Ngày không hợp lệ; nhập theo dạng ngày/tháng/năm, ví dụ 23/11/2026.' : 'Giờ không hợp lệ; nhập theo dạng giờ:phút (24 giờ), ví dụ 14:30.');
        else setText(kind === 'date' ? isoToVn(parsed) : parsed);
      }}
    />
  );
}
