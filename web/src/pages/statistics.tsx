// One-stop results: the public page (on-time, online and satisfaction rates per agency, the
// QĐ 766 indicators) and the leaders' dashboard (any agency and period, drill-down to the
// overdue dossiers, Excel export). Every chart has its figures in a table beside it.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { DateTimeText } from '../components/date-input';
import { get } from '../api';
import { BarChart } from '../components/bar-chart';
import { Page, SignInRequired } from '../components/page';
import { formatDate, todayVn } from '../format';
import type { UnitRef } from '../onestop';
import { useSession } from '../session';
import { TableWrap } from '../components/table-wrap';
import { useWide } from '../components/use-wide';
import { LoadState, useApi, useLoad } from '../use-load';

interface Row {
  key: string;
  label: string;
  received: number;
  carried_over: number;
  finished: number;
  in_progress: number;
  in_progress_overdue?: number;
  on_time_rate: number | null;
  online_rate: number | null;
  satisfaction_rate: number | null;
  average_processing_seconds: number | null;
  counts: Record<string, number>;
}

interface Indicators {
  total: number;
  max: number;
  score: number;
  groups: { key: string; label: string; points: number; max: number; criteria: { key: string; label: string; value: number | null; points: number | null; max: number }[] }[];
}

interface Stats {
  period: { from: string; to: string; agency_id: number };
  items: Row[];
  indicators?: Indicators;
}

// Figures by reception point (GET /api/v1/statistics/reception-points): a dossier counted where
// it was received, beside — never added to — the competent agency's figures.
interface PointRow {
  point_id: number | null;
  label: string;
  received: number;
  online: number;
  desk: number;
  postal: number;
  for_own: number;
  for_others: number;
  returned: number;
  by_agency: { agency_id: number; label: string; received: number }[];
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(v * 100).toFixed(1).replace('.', ',')}%`);
const pctNum = (v: number | null | undefined) => (v === null || v === undefined ? 0 : Math.round(v * 1000) / 10);
const days = (s: number | null) => (s === null || s === undefined ? '—' : `${(s / 86400).toFixed(1).replace('.', ',')} ngày`);

function RatesChartAndTable({
  rows,
  caption,
  drill,
  firstColumn = 'Đơn vị',
}: {
  rows: Row[];
  caption: string;
  drill?: (r: Row) => string | null;
  firstColumn?: string;
}) {
  const shown = rows.filter((r) => r.received + r.carried_over > 0);
  const wide = useWide();
  return (
    <>
      <BarChart
        labels={shown.map((r) => r.label)}
        max={100}
        percent
        series={[
          { label: 'Đúng hạn', values: shown.map((r) => pctNum(r.on_time_rate)), color: '#1e6b35' },
          { label: 'Trực tuyến', values: shown.map((r) => pctNum(r.online_rate)), color: '#174a8b' },
          { label: 'Hài lòng', values: shown.map((r) => pctNum(r.satisfaction_rate)), color: '#a15c00' },
        ]}
      />
      {!wide ? (
        // A phone: one short card per unit, the other figures folded under it.
        <section aria-label={caption}>
          <h3>{caption}</h3>
          <ul class="stat-cards">
            {shown.map((r) => {
              const href = drill?.(r);
              return (
                <li class="stat-card">
                  <p class="stat-card__name">{r.label}</p>
                  <p class="stat-card__rates">
                    Đúng hạn <strong>{pct(r.on_time_rate)}</strong> · Trực tuyến <strong>{pct(r.online_rate)}</strong> · Hài lòng{' '}
                    <strong>{pct(r.satisfaction_rate)}</strong>
                  </p>
                  <details>
                    <summary>
                      Tiếp nhận {r.received}, đã giải quyết {r.finished}
                      {(r.in_progress_overdue ?? 0) > 0 ? `, ${r.in_progress_overdue} quá hạn` : ''}
                    </summary>
                    <dl class="facts">
                      <dt>Kỳ trước chuyển sang</dt>
                      <dd>{r.carried_over}</dd>
                      <dt>Đang giải quyết</dt>
                      <dd>{r.in_progress}</dd>
                      <dt>Quá hạn</dt>
                      <dd>{href && (r.in_progress_overdue ?? 0) > 0 ? <a href={href}>{r.in_progress_overdue}</a> : r.in_progress_overdue ?? '—'}</dd>
                      <dt>Thời gian trung bình</dt>
                      <dd>{days(r.average_processing_seconds)}</dd>
                    </dl>
                  </details>
                </li>
              );
            })}
          </ul>
        </section>
      ) : (
      <TableWrap label="Bảng kết quả giải quyết">
        <table class="stats">
          <caption>{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{firstColumn}</th>
              <th scope="col">Tiếp nhận</th>
              <th scope="col">Kỳ trước chuyển sang</th>
              <th scope="col">Đã giải quyết</th>
              <th scope="col">Đang giải quyết</th>
              <th scope="col">Quá hạn</th>
              <th scope="col">Đúng hạn</th>
              <th scope="col">Trực tuyến</th>
              <th scope="col">Hài lòng</th>
              <th scope="col">Thời gian TB</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => {
              const href = drill?.(r);
              return (
                <tr>
                  <th scope="row">{r.label}</th>
                  <td>{r.received}</td>
                  <td>{r.carried_over}</td>
                  <td>{r.finished}</td>
                  <td>{r.in_progress}</td>
                  <td>{href && (r.in_progress_overdue ?? 0) > 0 ? <a href={href}>{r.in_progress_overdue}</a> : r.in_progress_overdue ?? '—'}</td>
                  <td>{pct(r.on_time_rate)}</td>
                  <td>{pct(r.online_rate)}</td>
                  <td>{pct(r.satisfaction_rate)}</td>
                  <td>{days(r.average_processing_seconds)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </TableWrap>
      )}
    </>
  );
}

function ReceptionPointsTable({ rows, caption }: { rows: PointRow[]; caption: string }) {
  const wide = useWide();
  const forAgencies = (r: PointRow) => r.by_agency.map((a) => `${a.label}: ${a.received}`).join('; ');
  if (!wide) {
    return (
      <section aria-label={caption}>
        <h3>{caption}</h3>
        <ul class="stat-cards">
          {rows.map((r) => (
            <li class="stat-card">
              <p class="stat-card__name">{r.label}</p>
              <p class="stat-card__rates">
                Tiếp nhận <strong>{r.received}</strong> · Trả kết quả <strong>{r.returned}</strong>
              </p>
              <details>
                                <summary>
                  Tiếp nhận thay nơi khác {r.for_others}, trực tuyến {r.online}
                </summary>
                <dl class="facts">
                  <dt>Trực tiếp</dt>
                  <dd>{r.desk}</dd>
                  <dt>Bưu chính</dt>
                  <dd>{r.postal}</dd>
                                    <dt>Cho cơ quan có quầy tại đây</dt>
                  <dd>{r.for_own}</dd>
                  {r.by_agency.length > 0 && <dt>Tiếp nhận cho</dt>}
                  {r.by_agency.length > 0 && <dd>{forAgencies(r)}</dd>}
                </dl>
              </details>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <TableWrap label="Bảng tiếp nhận theo nơi tiếp nhận">
      <table class="stats">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Nơi tiếp nhận</th>
            <th scope="col">Tiếp nhận</th>
            <th scope="col">Trực tuyến</th>
            <th scope="col">Trực tiếp</th>
            <th scope="col">Bưu chính</th>
                        <th scope="col">Cho cơ quan có quầy tại đây</th>
            <th scope="col">Tiếp nhận thay nơi khác</th>
            <th scope="col">Trả kết quả</th>
            <th scope="col">Tiếp nhận cho các đơn vị</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr>
              <th scope="row">{r.label}</th>
              <td>{r.received}</td>
              <td>{r.online}</td>
              <td>{r.desk}</td>
              <td>{r.postal}</td>
              <td>{r.for_own}</td>
              <td>{r.for_others}</td>
              <td>{r.returned}</td>
              <td>{forAgencies(r) || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function IndicatorTable({ ind }: { ind: Indicators }) {
  return (
    <TableWrap label="Bảng chỉ số QĐ 766">
      <table>
        <caption>
          Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg): <strong>{ind.score.toFixed(2).replace('.', ',')}</strong>/
          {ind.max} điểm
        </caption>
        <thead>
          <tr>
            <th scope="col">Nhóm chỉ số, tiêu chí</th>
            <th scope="col">Giá trị</th>
            <th scope="col">Điểm</th>
          </tr>
        </thead>
        <tbody>
          {ind.groups.map((g) => (
            <>
              <tr class="row--group">
                <th scope="row">{g.label}</th>
                <td></td>
                <td>
                  {g.points.toFixed(2).replace('.', ',')}/{g.max}
                </td>
              </tr>
              {g.criteria.map((c) => (
                <tr>
                  <td class="indent">{c.label}</td>
                  <td>{pct(c.value)}</td>
                  <td>{c.points === null ? 'Không có dữ liệu' : `${c.points.toFixed(2).replace('.', ',')}/${c.max}`}</td>
                </tr>
              ))}
            </>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export function PublicStatistics() {
  const [year, setYear] = useState(new Date().getFullYear());
  const figures = useLoad(
    (signal) => Promise.all([get<Stats>(`/api/v1/public/statistics?year=${year}&group_by=agency`, signal), get<Stats>(`/api/v1/public/statistics?year=${year}`, signal)]),
    [year],
  );
  const [byAgency, total] = figures.data ?? [null, null];
  const sum = total?.items[0];
  const years = [0, 1, 2, 3].map((i) => new Date().getFullYear() - i);
  return (
    <Page title="Kết quả giải quyết thủ tục hành chính" wide>
      <div class="field field--narrow">
        <label for="stats-year">Năm</label>
        <select id="stats-year" value={String(year)} onChange={(e) => setYear(Number((e.target as HTMLSelectElement).value))}>
          {years.map((y) => (
            <option value={String(y)}>{y}</option>
          ))}
        </select>
      </div>
      <LoadState state={figures} />
      {sum && (
        <ul class="kpis" aria-label="Số liệu toàn tỉnh">
          <li>
            <strong>{sum.received.toLocaleString('vi-VN')}</strong> hồ sơ tiếp nhận
          </li>
          <li>
            <strong>{pct(sum.on_time_rate)}</strong> giải quyết đúng hạn
          </li>
          <li>
            <strong>{pct(sum.online_rate)}</strong> nộp trực tuyến
          </li>
          <li>
            <strong>{pct(sum.satisfaction_rate)}</strong> hài lòng
          </li>
        </ul>
      )}
      {byAgency && (
        <section aria-labelledby="h-agencies">
          <h2 id="h-agencies">Theo cơ quan</h2>
          <RatesChartAndTable
            rows={byAgency.items}
            caption={`Từ ${formatDate(byAgency.period.from)} đến ${formatDate(byAgency.period.to)}`}
          />
        </section>
      )}
      {total?.indicators && (
        <section aria-labelledby="h-766">
          <h2 id="h-766">Chỉ số phục vụ người dân, doanh nghiệp</h2>
          <IndicatorTable ind={total.indicators} />
        </section>
      )}
    </Page>
  );
}

export function Dashboard() {
  const { principal, loading } = useSession();
  const { query, route } = useLocation();
  const today = todayVn();
  const from = query.tu_ngay ?? today.slice(0, 4) + '-01-01';
  const to = query.den_ngay ?? today;
  const seesProvince = principal?.grants.some((g) => g.role === 'system_admin') ?? false;
  // Leaders see their own agency unless they ask for another they may see.
  const agency = query.don_vi ?? (principal && !seesProvince && principal.unit_id ? String(principal.unit_id) : '');
  const groupBy = query.nhom ?? 'agency';
  const params = () => {
    const p = new URLSearchParams({ from, to, group_by: groupBy });
    if (agency) p.set('agency_id', agency);
    return p.toString();
  };
  // The agency chooser's list: without it the dashboard still shows the official's own agency.
  const agencies = useApi<{ items: UnitRef[] }>('/api/v1/units?level=province').data?.items ?? [];
  const byPoint = groupBy === 'reception';
  const figures = useLoad(
    principal?.kind === 'official' && !byPoint
      ? (signal) =>
          Promise.all([
            get<Stats>(`/api/v1/statistics?${params()}`, signal),
            get<Indicators>(`/api/v1/statistics/indicators?${params().replace(`&group_by=${groupBy}`, '')}`, signal),
          ])
      : null,
    [from, to, agency, groupBy],
  );
  const pointParams = () => params().replace(`&group_by=${groupBy}`, '');
  const points = useLoad(
    principal?.kind === 'official' && byPoint
      ? (signal) => get<{ period: Stats['period']; items: PointRow[] }>(`/api/v1/statistics/reception-points?${pointParams()}`, signal)
      : null,
    [from, to, agency, groupBy],
  );
  const [stats, ind] = figures.data ?? [null, null];
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') {
    return <SignInRequired title="Bảng điều hành" kind="official" />;
  }
  // Only the agencies this official may see: a grant on the agency, or on a unit above it
  // that covers its sub-units (the province's, for its administrators and leaders).
  const coversAll = seesProvince || principal.grants.some((g) => g.include_subunits && !agencies.some((a) => a.id === g.unit_id) && agencies.some((a) => a.parent_id === g.unit_id));
  const visibleAgencies = coversAll ? agencies : agencies.filter((a) => principal.grants.some((g) => g.unit_id === a.id || (g.include_subunits && a.parent_id === g.unit_id)));
  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams({ tu_ngay: from, den_ngay: to, don_vi: agency, nhom: groupBy, ...next });
    for (const [k, v] of [...p.entries()]) if (!v) p.delete(k);
    route('/can-bo/thong-ke?' + p);
  };
  return (
    <Page title="Bảng điều hành một cửa" wide>
      <div class="form form--inline filters">
        <div class="field">
          <label for="db-agency">Đơn vị</label>
          <select id="db-agency" value={agency} onChange={(e) => go({ don_vi: (e.target as HTMLSelectElement).value })}>
            {seesProvince && <option value="">Toàn tỉnh</option>}
            {visibleAgencies.map((a) => (
              <option value={String(a.id)}>{a.name}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="db-from">Từ ngày</label>
          <DateTimeText id="db-from" value={from} onValue={(v) => go({ tu_ngay: v })} />
        </div>
        <div class="field">
          <label for="db-to">Đến ngày</label>
          <DateTimeText id="db-to" value={to} onValue={(v) => go({ den_ngay: v })} />
        </div>
        <div class="field">
          <label for="db-group">Nhóm theo</label>
          <select id="db-group" value={groupBy} onChange={(e) => go({ nhom: (e.target as HTMLSelectElement).value })}>
            <option value="agency">Đơn vị</option>
            <option value="sector">Lĩnh vực</option>
            <option value="procedure">Thủ tục</option>
            <option value="level">Cấp</option>
            <option value="channel">Hình thức nộp</option>
            <option value="reception">Nơi tiếp nhận</option>
          </select>
        </div>
        <a
          class="button button--secondary"
          href={byPoint ? '/api/v1/statistics/reception-points?format=xlsx&' + pointParams() : '/api/v1/statistics?format=xlsx&' + params()}
          download
        >
          Xuất Excel
        </a>
      </div>
      <LoadState state={byPoint ? points : figures} />
      {byPoint && points.data && (
        <section aria-labelledby="h-points">
          <h2 id="h-points">Theo nơi tiếp nhận</h2>
          <p class="muted">
                        Hồ sơ được tính tại nơi tiếp nhận và, riêng, tại đơn vị có thẩm quyền giải quyết; hai cách tính không cộng với nhau. “Cho cơ quan có quầy tại đây”: hồ sơ
            của các cơ quan nhận hồ sơ tại chính quầy này (ví dụ các sở tại Trung tâm Phục vụ hành chính công tỉnh); “Tiếp nhận thay nơi khác”: hồ sơ tiếp nhận không phụ
            thuộc địa giới hành chính, cho cơ quan có quầy ở nơi khác.
          </p>
          <ReceptionPointsTable
            rows={points.data.items.filter((r) => r.point_id === null || r.received + r.returned > 0)}
            caption={`Từ ${formatDate(points.data.period.from)} đến ${formatDate(points.data.period.to)}`}
          />
        </section>
      )}
      {!byPoint && stats && (
        <section aria-labelledby="h-units">
          <h2 id="h-units">{{ agency: 'Theo đơn vị', sector: 'Theo lĩnh vực', procedure: 'Theo thủ tục', level: 'Theo cấp', channel: 'Theo hình thức nộp' }[groupBy] ?? 'Kết quả'}</h2>
          <RatesChartAndTable
            rows={stats.items}
            caption={`Từ ${formatDate(stats.period.from)} đến ${formatDate(stats.period.to)}`}
            firstColumn={{ agency: 'Đơn vị', sector: 'Lĩnh vực', procedure: 'Thủ tục', level: 'Cấp', channel: 'Hình thức nộp' }[groupBy] ?? 'Nhóm'}
            drill={(r) =>
              !r.key
                ? null
                : groupBy === 'agency'
                  ? `/can-bo/ho-so?hang=all&han=overdue&don_vi=${encodeURIComponent(r.key)}`
                  : groupBy === 'procedure'
                    ? `/can-bo/ho-so?hang=all&han=overdue&thu_tuc=${encodeURIComponent(r.key)}`
                    : groupBy === 'channel'
                      ? `/can-bo/ho-so?hang=all&han=overdue&kenh=${encodeURIComponent(r.key)}`
                      : null
            }
          />
        </section>
      )}
      {!byPoint && ind && ind.groups && (
        <section aria-labelledby="h-766">
          <h2 id="h-766">Chỉ số QĐ 766</h2>
          <IndicatorTable ind={ind} />
        </section>
      )}
    </Page>
  );
}
