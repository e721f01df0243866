// The procedure catalog for the public: search (accents optional), browse by sector, level and
// agency, and each procedure's page with what to bring, fees, time and where to submit.
import { useLocation, useRoute } from 'preact-iso';
import { useState } from 'preact/hooks';
import { Page } from '../../components/page';
import { formatMoney } from '../../format';
import { type ProcedureDetail, type ProcedureSummary, type UnitRef, processingTime } from '../../onestop';
import { useSession } from '../../session';
import { LoadState, useApi, MoreButton, usePaged } from '../../use-load';
import { useWords } from '../../vocabulary';

interface Sector {
  id: number;
  code: string;
  name: string;
  procedures: number;
}

const PAGE = 20;

export function SearchBox({ initial = '' }: { initial?: string }) {
  const { route } = useLocation();
  const [q, setQ] = useState(initial);
  return (
    <form
      role="search"
      class="search"
      onSubmit={(e) => {
        e.preventDefault();
        route('/thu-tuc?q=' + encodeURIComponent(q.trim()));
      }}
    >
      <label for="procedure-search">Tìm thủ tục hành chính</label>
      <div class="search__row">
        <input
          id="procedure-search"
          type="search"
          value={q}
          placeholder="Ví dụ: đăng ký kết hôn, cap ho chieu, 1.000894"
          onInput={(e) => setQ((e.target as HTMLInputElement).value)}
        />
        <button class="button" type="submit">
          Tìm kiếm
        </button>
      </div>
    </form>
  );
}

export function Procedures() {
  const { query, route } = useLocation();
  const words = useWords();
  const q = query.q ?? '';
  const sector = query.linh_vuc ?? '';
  const level = query.cap ?? '';
  const agency = query.co_quan ?? '';

  // The filters' choices: without them the search still works.
  const sectors = (useApi<{ items: Sector[] }>('/api/v1/sectors').data?.items ?? []).filter((s) => s.procedures > 0);
  const departments = useApi<{ items: UnitRef[] }>('/api/v1/units?level=province&kind=department').data?.items ?? [];
  const p = new URLSearchParams({ limit: String(PAGE) });
  if (q) p.set('q', q);
  if (sector) p.set('sector_id', sector);
  if (level) p.set('level', level);
  if (agency) p.set('agency_code', agency);
  const found = usePaged<ProcedureSummary, { total: number }>(`/api/v1/procedures?${p}`);
  const items = found.data;
  const total = found.first?.total ?? 0;

  const go = (next: Record<string, string>) => {
    const p = new URLSearchParams();
    const all = { q, linh_vuc: sector, cap: level, co_quan: agency, ...next };
    for (const [k, v] of Object.entries(all)) if (v) p.set(k, v);
    route('/thu-tuc' + (p.toString() ? '?' + p : ''));
  };

  return (
    <Page title="Thủ tục hành chính" wide>
      <SearchBox initial={q} key={q} />
      <div class="filters">
        <div class="field">
          <label for="filter-sector">Lĩnh vực</label>
          <select id="filter-sector" value={sector} onChange={(e) => go({ linh_vuc: (e.target as HTMLSelectElement).value })}>
            <option value="">Tất cả lĩnh vực</option>
            {sectors.map((s) => (
              <option value={String(s.id)}>
                {s.name} ({s.procedures})
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-level">Cấp thực hiện</label>
          <select id="filter-level" value={level} onChange={(e) => go({ cap: (e.target as HTMLSelectElement).value })}>
            <option value="">Tất cả các cấp</option>
            {words.choices('unit_levels').map(([k, v]) => (
              <option value={k}>{v}</option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="filter-agency">Cơ quan cấp tỉnh</label>
          <select id="filter-agency" value={agency} onChange={(e) => go({ co_quan: (e.target as HTMLSelectElement).value })}>
            <option value="">Tất cả cơ quan</option>
            {departments.map((d) => (
              <option value={d.code}>{d.name}</option>
            ))}
          </select>
        </div>
      </div>
      {found.error ? (
        <LoadState state={found} />
      ) : (
        <p role="status" class="muted">
          {items === null ? 'Đang tìm…' : total === 0 ? 'Không tìm thấy thủ tục phù hợp.' : `Tìm thấy ${total} thủ tục.`}
        </p>
      )}
      {items && items.length > 0 && (
        <ul class="result-list">
          {items.map((p) => (
            <li>
              <h2>
                <a href={`/thu-tuc/${p.id}`}>{p.name}</a>
              </h2>
              <p class="muted">
                Mã {p.national_code} · {p.sector.name} · {p.levels.map((l) => words.label('unit_levels', l)).join(', ')} ·{' '}
                {processingTime(p)}
              </p>
              <p>
                <span class={`badge badge--online-${p.online_mode}`}>{p.online_mode_label}</span>
              </p>
            </li>
          ))}
        </ul>
      )}
      <MoreButton list={found} label={`Xem thêm thủ tục (đang hiển thị ${items?.length ?? 0}/${total})`} />
    </Page>
  );
}

export function ProcedurePage() {
  const { params } = useRoute();
  const { principal } = useSession();
  const procedure = useApi<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(params.id)}`);
  const words = useWords();
  const p = procedure.data;
  if (procedure.error) {
    return (
      <Page title="Thủ tục hành chính">
        <LoadState state={procedure} />
        <p>
          <a href="/thu-tuc">Quay lại danh sách thủ tục</a>
        </p>
      </Page>
    );
  }
  if (!p)
    return (
      <p class="page" role="status">
        Đang tải…
      </p>
    );
  const def = p.definition;
  const canSubmitOnline = p.online_mode !== 'none';
  const submitHref = `/thu-tuc/${p.id}/nop-truc-tuyen`;
  return (
    <Page title={p.name} wide>
      <p class="muted">
        Mã thủ tục {p.national_code} · Lĩnh vực {p.sector.name}
      </p>
      {canSubmitOnline &&
        (principal?.kind === 'applicant' ? (
          <p>
            <a class="button" href={submitHref}>
              Nộp hồ sơ trực tuyến
            </a>
          </p>
        ) : (
          <p class="banner banner--info">
            Thủ tục này nhận hồ sơ trực tuyến.{' '}
            <a href={`/cong-dan/dang-nhap?next=${encodeURIComponent(submitHref)}`}>Đăng nhập để nộp hồ sơ</a>.
          </p>
        ))}
      <div class="grid">
        <section class="panel" aria-labelledby="h-facts">
          <h2 id="h-facts">Thông tin chung</h2>
          <dl class="facts">
            <dt>Mức độ trực tuyến</dt>
            <dd>
              {p.online_mode_label} (mức độ {p.legacy_level})
            </dd>
            <dt>Thời hạn giải quyết</dt>
            <dd>
              {processingTime(p)}
              {def.online_days ? `; nộp trực tuyến: ${def.online_days} ngày làm việc` : ''}
            </dd>
            <dt>Cấp thực hiện</dt>
            <dd>{p.levels.map((l) => words.label('unit_levels', l)).join(', ')}</dd>
            <dt>Phí, lệ phí</dt>
            <dd>
              {def.fees.length === 0
                ? 'Không'
                : def.fees.map((f) => (
                    <span class="block">
                      {f.name}: {formatMoney(f.amount)}
                      {f.note ? ` (${f.note})` : ''}
                    </span>
                  ))}
              {def.fees.length > 0 && (
                <span class="block muted">
                  {def.fees_due === 'before_processing' ? 'Nộp khi nộp hồ sơ, trước khi hồ sơ được giải quyết' : 'Nộp trước khi nhận kết quả'}
                  {p.online_mode !== 'none' ? '; thanh toán trực tuyến được.' : '.'}
                </span>
              )}
            </dd>
            {def.submission && (
              <>
                <dt>Cách thức thực hiện</dt>
                <dd class="prewrap">{def.submission}</dd>
              </>
            )}
            <dt>Kết quả</dt>
            <dd>
              {def.result}
              {def.result_signed && <span class="block muted">Kết quả điện tử có chữ ký số của cơ quan, được lưu vào kho giấy tờ của bạn.</span>}
            </dd>
            {def.conditions && (
              <>
                <dt>Yêu cầu, điều kiện</dt>
                <dd class="prewrap">{def.conditions}</dd>
              </>
            )}
            <dt>Căn cứ pháp lý</dt>
            <dd>{def.legal_basis || 'Theo Cơ sở dữ liệu quốc gia về thủ tục hành chính.'}</dd>
          </dl>
        </section>
        <section class="panel" aria-labelledby="h-papers">
          <h2 id="h-papers">Thành phần hồ sơ</h2>
          <ol class="papers">
            {def.papers.map((paper, i) => (
              <li>
                {paper.name}
                <span class="muted">
                  {' '}
                  — {paper.originals > 0 ? `${paper.originals} bản chính` : ''}
                  {paper.originals > 0 && paper.copies > 0 ? ', ' : ''}
                  {paper.copies > 0 ? `${paper.copies} bản sao` : ''}
                  {paper.required ? '' : ' (nếu có)'}
                </span>
                {' '}
                {paper.template_url ? (
                  <a href={paper.template_url}>Tải mẫu đơn, tờ khai</a>
                ) : (
                  // A printable blank to fill in by hand, for papers that are forms.
                  /^(đơn|tờ khai|giấy đề nghị|phiếu)/i.test(paper.name) && (
                    <a href={`/api/v1/procedures/${p.id}/papers/${i + 1}/template`} target="_blank" rel="noopener" aria-label={`Tải mẫu: ${paper.name}`}>
                      Tải mẫu (PDF)
                    </a>
                  )
                )}
              </li>
            ))}
          </ol>
        </section>
      </div>
      {def.sequence && (
        <section class="panel" aria-labelledby="h-sequence">
          <h2 id="h-sequence">Trình tự thực hiện</h2>
          <ol>
            {def.sequence
              .split('\n')
              .filter((line) => line.trim())
              .map((line) => (
                <li>{line.replace(/^Bước \d+:\s*/, '')}</li>
              ))}
          </ol>
        </section>
      )}
      <section class="panel" aria-labelledby="h-where">
        <h2 id="h-where">Nơi tiếp nhận hồ sơ</h2>
        {(def.offices ?? []).length > 0 && (
          <ul class="cards">
            {def.offices!.map((o) => (
              <li class="card">
                <p class="card__title">
                  <strong>{o.name}</strong>
                </p>
                {o.address && <p>Địa chỉ: {o.address}</p>}
                {o.hours && <p>Thời gian: {o.hours}</p>}
                {o.phone && (
                  <p>
                    Điện thoại: <a href={`tel:${o.phone.replace(/[^\d+]/g, '')}`}>{o.phone}</a>
                  </p>
                )}
              </li>
            ))}
          </ul>
        )}
        {p.agencies.length === 0 ? (
          <p>Bộ phận một cửa của cơ quan có thẩm quyền.</p>
        ) : (
          <ul class="columns">
            {p.agencies.slice(0, 30).map((a) => (
              <li>{a.name}</li>
            ))}
            {p.agencies.length > 30 && <li>… và {p.agencies.length - 30} cơ quan khác</li>}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="h-steps">
        <h2 id="h-steps">Quy trình giải quyết</h2>
        <ol>
          <li>Tiếp nhận hồ sơ tại bộ phận một cửa</li>
          {def.steps.map((s) => (
            <li>{s.name}</li>
          ))}
          <li>Trả kết quả</li>
        </ol>
      </section>
    </Page>
  );
}
