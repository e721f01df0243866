// The tracking register (Sổ theo dõi hồ sơ: Mẫu 07 of Thông tư 03/2025, Mẫu 06 of Thông tư
// 01/2018 before it) of a desk for a period, as PDF or Excel.
import { useState } from 'preact/hooks';
import { Field } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { todayVn } from '../../format';
import { useSession } from '../../session';

export function TrackingRegister() {
  const { principal, loading } = useSession();
  const today = todayVn();
  const [from, setFrom] = useState(today.slice(0, 8) + '01');
  const [to, setTo] = useState(today);
  const units = (principal?.grants ?? []).filter((g, i, all) => all.findIndex((x) => x.unit_id === g.unit_id) === i);
  const [unit, setUnit] = useState('');
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') {
    return <SignInRequired title="Sổ theo dõi hồ sơ" kind="official" />;
  }
  const chosen = unit || String(units[0]?.unit_id ?? principal.unit_id ?? '');
  const url = (format: string) => `/api/v1/registers/tracking?unit_id=${chosen}&from=${from}&to=${to}&format=${format}`;
  const valid = chosen && from && to && from <= to;
  return (
    <Page title="Sổ theo dõi hồ sơ">
      <form class="form" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="reg-unit">Bộ phận, đơn vị</label>
          <select id="reg-unit" value={chosen} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
            {units.map((g) => (
              <option value={String(g.unit_id)}>{g.unit_name}</option>
            ))}
          </select>
        </div>
        <Field label="Từ ngày" type="date" value={from} onValue={setFrom} />
        <Field label="Đến ngày" type="date" value={to} onValue={setTo} error={from > to ? 'Ngày kết thúc phải sau ngày bắt đầu.' : undefined} />
        {valid && (
          <p class="actions-row">
            <a class="button" href={url('pdf')} target="_blank" rel="noopener">
              Xem, in sổ (PDF)
            </a>
            <a class="button button--secondary" href={url('xlsx')} download>
              Xuất Excel
            </a>
          </p>
        )}
      </form>
    </Page>
  );
}
