// A year's official decision on days off, swapped days and make-up working days; the deadline
// calendar follows it at once.
import { useEffect, useState } from 'preact/hooks';
import { ApiError, messageOf, put } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { AdminPage } from './common';
import { LoadState, useApi } from '../../use-load';

interface Day {
  date: string;
  name: string;
}

function DayList({ legend, days, onChange, prefix }: { legend: string; days: Day[]; onChange(d: Day[]): void; prefix: string }) {
  return (
    <fieldset>
      <legend>{legend}</legend>
      {days.map((d, i) => (
        <div class="form--inline day-row">
          <Field label={`Ngày (${prefix} ${i + 1})`} type="date" value={d.date} onValue={(v) => onChange(days.map((x, j) => (j === i ? { ...x, date: v } : x)))} />
          <Field label={`Tên (${prefix} ${i + 1})`} value={d.name} onValue={(v) => onChange(days.map((x, j) => (j === i ? { ...x, name: v } : x)))} />
          <button type="button" class="link-button link-button--danger" onClick={() => onChange(days.filter((_, j) => j !== i))} aria-label={`Xóa ${prefix} ${i + 1}`}>
            Xóa
          </button>
        </div>
      ))}
      <button type="button" class="button button--secondary" onClick={() => onChange([...days, { date: '', name: '' }])}>
        Thêm ngày
      </button>
    </fieldset>
  );
}

export function AdminCalendar() {
  const thisYear = new Date().getFullYear();
  const [year, setYear] = useState(thisYear);
  const [source, setSource] = useState('');
  const [off, setOff] = useState<Day[]>([]);
  const [work, setWork] = useState<Day[]>([]);
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const holidays = useApi<{ source: string; official: boolean; days_off: Day[]; work_days: Day[] }>(`/api/v1/calendar/holidays?year=${year}`);
  // The form starts from the year's decision as loaded.
  useEffect(() => {
    const r = holidays.data;
    if (!r) return;
    setSource(r.official ? r.source : '');
    // Weekly rest days come from the working-week setting, not from the decision.
    setOff(r.days_off.filter((d) => !d.name.startsWith('Nghỉ hằng tuần')).map(({ date, name }) => ({ date, name })));
    setWork(r.work_days.map(({ date, name }) => ({ date, name })));
  }, [holidays.data]);

  async function save(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await put(`/api/v1/calendar/decisions/${year}`, {
        source: source.trim(),
        days_off: off.filter((d) => d.date),
        work_days: work.filter((d) => d.date),
      });
      setNotice(`Đã lưu lịch nghỉ năm ${year}. Thời hạn giải quyết hồ sơ được tính theo lịch mới.`);
      setFields({});
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AdminPage title="Lịch nghỉ lễ, Tết">
      <div class="field field--narrow">
        <label for="cal-year">Năm</label>
        <select id="cal-year" value={String(year)} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
          {[thisYear - 1, thisYear, thisYear + 1].map((y) => (
            <option value={String(y)}>{y}</option>
          ))}
        </select>
      </div>
      <ErrorBanner message={error} />
      <Notice message={notice} />
      <LoadState state={holidays} />
      {/* Only once loaded: saving an empty form would replace the year's decision. */}
      {holidays.data && (
      <form class="form form--wide" noValidate onSubmit={save}>
        <Field label="Văn bản quyết định" value={source} onValue={setSource} error={fields.source} hint="Ví dụ: Thông báo số 6150/TB-BLĐTBXH ngày 11/11/2025." />
        <DayList legend="Ngày nghỉ lễ, Tết, nghỉ bù" days={off} onChange={setOff} prefix="ngày nghỉ" />
        <DayList legend="Ngày làm bù (thứ Bảy, Chủ nhật đi làm)" days={work} onChange={setWork} prefix="ngày làm bù" />
        <Button type="submit" busy={busy}>
          Lưu lịch năm {year}
        </Button>
      </form>
      )}
    </AdminPage>
  );
}
