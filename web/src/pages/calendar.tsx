// Calendar tools: solar → lunar date, due time in working days/hours, days off of a year.
import { useState } from 'preact/hooks';
import { ApiError, get } from '../api';
import { Button, ErrorBanner, Field } from '../components/form';
import { Page } from '../components/page';
import { formatDate, formatDateTime, nowTimeVn, todayVn } from '../format';
import { TableWrap } from '../components/table-wrap';
import { LoadState, useApi } from '../use-load';

interface Lunar {
  solar: string;
  weekday: string;
  text: string;
  lunar: { day: number; month: number; year: number; leap: boolean };
  can_chi: { year: string; month: string; day: string };
}

interface Due {
  counting_starts: string;
  due: string;
  due_text: string;
}

interface Holidays {
  year: number;
  official: boolean;
  source: string;
  days_off: { date: string; weekday: string; name: string }[];
  work_days: { date: string; weekday: string; name: string }[];
  working_days_in_year: number;
}

function LunarConverter() {
  const [date, setDate] = useState(todayVn());
  const lunar = useApi<Lunar>(/^\d{4}-\d{2}-\d{2}$/.test(date) ? `/api/v1/calendar/lunar?date=${date}` : null);
  const result = lunar.data;
  return (
    <section aria-labelledby="lunar-title" class="panel">
      <h2 id="lunar-title">Đổi ngày dương lịch sang âm lịch</h2>
      <Field label="Ngày dương lịch" type="date" value={date} onValue={setDate} />
      <LoadState state={lunar} />
      {result && (
        <p class="result" aria-live="polite" data-testid="lunar-result">
          {result.weekday}, ngày {formatDate(result.solar)} là <strong>{result.text}</strong>
          <br />
          Ngày {result.can_chi.day}, tháng {result.can_chi.month}
        </p>
      )}
    </section>
  );
}

function DueCalculator() {
  const [date, setDate] = useState(todayVn());
  const [time, setTime] = useState(nowTimeVn());
  const [days, setDays] = useState('3');
  const [hours, setHours] = useState('');
  const [result, setResult] = useState<Due | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    setResult(null);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) {
      setError('Vui lòng nhập ngày và giờ tiếp nhận.');
      return;
    }
    const params = new URLSearchParams({ from: `${date}T${time}:00+07:00` });
    if (days.trim()) params.set('working_days', days.trim());
    if (hours.trim()) params.set('working_hours', hours.trim());
    setBusy(true);
    try {
      setResult(await get<Due>(`/api/v1/calendar/due?${params}`));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : 'Không tính được hạn.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="due-title" class="panel">
      <h2 id="due-title">Tính ngày hẹn trả kết quả</h2>
      <p class="muted">
        Tính theo ngày, giờ làm việc: không tính thứ Bảy, Chủ nhật, ngày nghỉ lễ, Tết và giờ nghỉ trưa. Hồ sơ tiếp nhận
        ngoài giờ làm việc được tính từ đầu giờ làm việc tiếp theo.
      </p>
      <form onSubmit={submit} noValidate class="form form--inline">
        <ErrorBanner message={error} />
        <Field label="Ngày tiếp nhận" type="date" value={date} onValue={setDate} />
        <Field label="Giờ tiếp nhận" type="time" value={time} onValue={setTime} />
        <Field label="Số ngày làm việc" type="number" min="0" max="1000" inputMode="numeric" value={days} onValue={setDays} />
        <Field label="Số giờ làm việc" type="number" min="0" max="10000" inputMode="numeric" value={hours} onValue={setHours} />
        <Button type="submit" busy={busy}>
          Tính hạn
        </Button>
      </form>
      {result && (
        <div class="result" aria-live="polite" data-testid="due-result">
          <p>
            Hạn trả kết quả: <strong>{result.due_text}</strong>
          </p>
          <p class="muted">Bắt đầu tính từ {formatDateTime(result.counting_starts)}.</p>
        </div>
      )}
    </section>
  );
}

function HolidayList() {
  const thisYear = Number(todayVn().slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const holidays = useApi<Holidays>(`/api/v1/calendar/holidays?year=${year}`);
  const data = holidays.data;
  return (
    <section aria-labelledby="holiday-title" class="panel">
      <h2 id="holiday-title">Ngày nghỉ lễ, Tết năm {year}</h2>
      <div class="field">
        <label for="holiday-year">Năm</label>
        <select id="holiday-year" value={year} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
          {[thisYear - 2, thisYear - 1, thisYear, thisYear + 1, thisYear + 2].map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
      </div>
      <LoadState state={holidays} />
      {data && (
        <>
          <p class="muted">
            {data.official ? 'Theo thông báo chính thức: ' : 'Tính theo quy định của pháp luật (chưa có thông báo chính thức): '}
            {data.source}. Số ngày làm việc trong năm: {data.working_days_in_year}.
          </p>
          <TableWrap label="Ngày nghỉ trong năm">
            <table>
              <caption class="visually-hidden">Ngày nghỉ năm {year}</caption>
              <thead>
                <tr>
                  <th scope="col">Ngày</th>
                  <th scope="col">Thứ</th>
                  <th scope="col">Nội dung</th>
                </tr>
              </thead>
              <tbody>
                {data.days_off.map((d) => (
                  <tr key={d.date}>
                    <td>{formatDate(d.date)}</td>
                    <td>{d.weekday}</td>
                    <td>{d.name}</td>
                  </tr>
                ))}
                {data.work_days.map((d) => (
                  <tr key={d.date} class="row--work">
                    <td>{formatDate(d.date)}</td>
                    <td>{d.weekday}</td>
                    <td>{d.name} (đi làm)</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </section>
  );
}

export function CalendarTool() {
  return (
    <Page title="Lịch và thời hạn giải quyết" wide>
      <div class="grid">
        <LunarConverter />
        <DueCalculator />
      </div>
      <HolidayList />
    </Page>
  );
}
