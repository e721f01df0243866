// Receiving a dossier at the one-stop counter: find the procedure, enter the applicant, tick the
// papers handed over (and attach scans), receive — then print the receipt (Mẫu 01).
import { useState } from 'preact/hooks';
import { ApiError, type UploadedFile, get, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { EFormFields, eformData } from '../../components/eform';
import { PaperUpload } from '../../components/paper-upload';
import { formatDateTime } from '../../format';
import { type DossierView, type ProcedureDetail, type ProcedureSummary, type UnitRef, processingTime, returnMethods, unitChoiceLabel, useCommunes } from '../../onestop';
import { useSession } from '../../session';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi } from '../../use-load';

interface Received {
  originals: number;
  copies: number;
}

const emptyApplicant = { kind: 'citizen', name: '', id_number: '', tax_code: '', address: '', phone: '', email: '', representative: '' };

export function Reception() {
  const { principal, loading } = useSession();
  const [q, setQ] = useState('');
  const [found, setFound] = useState<ProcedureSummary[] | null>(null);
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [agency, setAgency] = useState('');
  const [commune, setCommune] = useState('');
  const [channel, setChannel] = useState('desk');
  const [a, setA] = useState(emptyApplicant);
  const [returnMethod, setReturnMethod] = useState('desk');
  const [postalAddress, setPostalAddress] = useState('');
  const [received, setReceived] = useState<Record<number, Received>>({});
  const [scans, setScans] = useState<Record<number, UploadedFile[]>>({});
  const [form, setForm] = useState<Record<string, string>>({});
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DossierView | null>(null);

  const communeState = useCommunes(!!p?.definition.steps.some((s) => s.unit === 'applicant_commune'));
  const communes = communeState.data ?? [];
  // Where this officer receives for the chosen agency (Nghị định 118/2025: any point of the
  // province): one is taken without asking, several are offered. And where the applicant may
  // collect the result: here, or at the agency's own desk.
  const mine = useApi<{ items: UnitRef[]; own_desk?: number }>(
    p && agency ? `/api/v1/procedures/${p.id}/reception-points?agency_id=${agency}&mine=1` : null,
  ).data;
  const [desk, setDesk] = useState('');
  const [resultPoint, setResultPoint] = useState('');
  const myPoints = mine?.items ?? [];
  const receivingPoint = desk ? Number(desk) : myPoints.length === 1 ? myPoints[0].id : undefined;
  const ownDesk = mine?.own_desk && receivingPoint !== undefined && receivingPoint !== mine.own_desk ? mine.own_desk : undefined;

  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'official') {
    return <SignInRequired title="Tiếp nhận hồ sơ" kind="official" />;
  }

  async function search(e: Event) {
    e.preventDefault();
    setFound(null);
    try {
      const r = await get<{ items: ProcedureSummary[] }>(`/api/v1/procedures?limit=10&q=${encodeURIComponent(q.trim())}`);
      setFound(r.items);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function choose(id: number) {
    try {
      const d = await get<ProcedureDetail>(`/api/v1/procedures/${id}`);
      setP(d);
      setAgency(d.agencies.length === 1 ? String(d.agencies[0].id) : '');
      setDesk('');
      setResultPoint('');
      const r: Record<number, Received> = {};
      d.definition.papers.forEach((paper, i) => (r[i] = { originals: paper.originals, copies: paper.copies }));
      setReceived(r);
      setScans({});
      setFound(null);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function receive(e: Event) {
    e.preventDefault();
    if (!p) return;
    const f: Record<string, string> = {};
    if (!a.name.trim()) f['applicant.name'] = 'Bắt buộc nhập.';
    const business = a.kind === 'business';
    if (business && !a.tax_code.trim()) f['applicant.tax_code'] = 'Cần mã số thuế của doanh nghiệp, tổ chức.';
    if (needs('id_number') && !business && !a.id_number.trim()) f['applicant.id_number'] = 'Thủ tục này cần số định danh cá nhân (CCCD).';
    if (needs('address') && !a.address.trim()) f['applicant.address'] = 'Thủ tục này cần địa chỉ của người nộp.';
    if (needs('representative') && business && !a.representative.trim()) f['applicant.representative'] = 'Cần họ tên người đại diện theo pháp luật.';
    if (returnMethod === 'post' && !(postalAddress.trim() || a.address.trim())) f.postal_address = 'Cần địa chỉ nhận kết quả.';
    if (!agency) f.agency_unit_id = 'Chọn cơ quan giải quyết.';
    if (myPoints.length > 1 && !desk) f.desk_unit_id = 'Chọn nơi tiếp nhận.';
    setFields(f);
    if (Object.keys(f).length) {
      setError('Vui lòng kiểm tra lại các mục được đánh dấu.');
      return;
    }
    const applicant: Record<string, unknown> = { kind: a.kind, name: a.name.trim() };
    for (const k of ['id_number', 'tax_code', 'address', 'phone', 'email', 'representative'] as const) if (a[k].trim()) applicant[k] = a[k].trim();
    if (commune) applicant.commune_unit_id = Number(commune);
    setBusy(true);
    setError('');
    try {
      const d = await post<DossierView>('/api/v1/dossiers', {
        procedure_id: p.id,
        agency_unit_id: Number(agency),
        ...(desk ? { desk_unit_id: Number(desk) } : {}),
        ...(returnMethod === 'desk' && ownDesk && resultPoint ? { result_unit_id: ownDesk } : {}),
        channel,
        applicant,
        return_method: returnMethod,
        ...(returnMethod === 'post' && postalAddress.trim() ? { postal_address: postalAddress.trim() } : {}),
        form_data: eformData(p.definition.form, form),
        papers_received: Object.entries(received)
          .filter(([, r]) => r.originals + r.copies > 0)
          .map(([index, r]) => ({ index: Number(index), originals: r.originals, copies: r.copies })),
        papers: Object.entries(scans)
          .filter(([, fs]) => fs.length > 0)
          .map(([index, fs]) => ({ index: Number(index), file_ids: fs.map((x) => x.id) })),
      });
      setDone(d);
      window.scrollTo(0, 0);
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  if (done) {
    return (
      <Page title="Đã tiếp nhận hồ sơ">
        <div class="banner banner--success" role="status">
          Đã tiếp nhận hồ sơ <strong data-testid="dossier-code">{done.code}</strong>.
        </div>
        <dl class="facts">
          <dt>Thủ tục</dt>
          <dd>{done.procedure.name}</dd>
          <dt>Người nộp</dt>
          <dd>{done.applicant?.name}</dd>
          <dt>Tình trạng</dt>
          <dd>{done.status_label}</dd>
          <dt>Hẹn trả kết quả</dt>
          <dd>{done.due_at ? formatDateTime(done.due_at) : '—'}</dd>
          {done.result_point && done.result_point.id !== done.desk?.id && (
            <>
              <dt>Nơi trả kết quả</dt>
              <dd>{done.result_point.name}</dd>
            </>
          )}
          {done.fee?.owed && (
            <>
              <dt>Phí, lệ phí</dt>
              <dd>
                {done.fee.amount_text} — {done.fee.due_label}
              </dd>
            </>
          )}
        </dl>
        <p class="actions-row">
          <a class="button" href={`/api/v1/dossiers/${done.id}/forms/01`} target="_blank" rel="noopener">
            In giấy tiếp nhận (Mẫu 01)
          </a>
          <a class="button button--secondary" href={`/can-bo/ho-so/${done.id}`}>
            Xem hồ sơ
          </a>
          <button
            class="button button--secondary"
            onClick={() => {
              setDone(null);
              setP(null);
              setA(emptyApplicant);
              setReturnMethod('desk');
              setPostalAddress('');
              setForm({});
              setQ('');
            }}
          >
            Tiếp nhận hồ sơ khác
          </button>
        </p>
      </Page>
    );
  }

  const setField = (k: keyof typeof a) => (v: string) => {
    setA({ ...a, [k]: v });
    setFields((prev) => ({ ...prev, ['applicant.' + k]: '' }));
  };
  // What this procedure needs to know about the applicant (besides a name).
  const needs = (k: string) => (p?.definition.applicant_required ?? []).includes(k);
  return (
    <Page title="Tiếp nhận hồ sơ tại bộ phận một cửa" wide>
      <ErrorBanner message={error} />
      <form class="form form--inline" role="search" onSubmit={search}>
        <Field label="Tìm thủ tục (tên hoặc mã)" value={q} onValue={setQ} type="search" />
        <button class="button" type="submit">
          Tìm
        </button>
      </form>
      {found && (
        <ul class="result-list">
          {found.length === 0 && <li>Không tìm thấy thủ tục phù hợp.</li>}
          {found.map((x) => (
            <li>
              <button class="link-button" onClick={() => choose(x.id)}>
                {x.name}
              </button>
              <span class="muted">
                {' '}
                — {x.national_code}, {processingTime(x)}
              </span>
            </li>
          ))}
        </ul>
      )}
      {p && (
        <form class="form form--wide" noValidate onSubmit={receive}>
          <h2>{p.name}</h2>
          <fieldset>
            <legend>Người nộp hồ sơ</legend>
            <div class="choice">
              <label>
                <input type="radio" name="kind" checked={a.kind === 'citizen'} onChange={() => setField('kind')('citizen')} /> Công dân
              </label>
              <label>
                <input type="radio" name="kind" checked={a.kind === 'business'} onChange={() => setField('kind')('business')} /> Doanh nghiệp, tổ chức
              </label>
            </div>
            <Field label="Họ và tên người nộp" value={a.name} onValue={setField('name')} error={fields['applicant.name']} required />
            <Field
              label="Số định danh cá nhân (CCCD)"
              value={a.id_number}
              onValue={setField('id_number')}
              error={fields['applicant.id_number']}
              inputMode="numeric"
              required={needs('id_number') && a.kind === 'citizen'}
            />
            {a.kind === 'business' && <Field label="Mã số thuế" value={a.tax_code} onValue={setField('tax_code')} error={fields['applicant.tax_code']} required />}
            {a.kind === 'business' && (
              <Field
                label="Người đại diện theo pháp luật"
                value={a.representative}
                onValue={setField('representative')}
                error={fields['applicant.representative']}
                required={needs('representative')}
              />
            )}
            <Field label="Địa chỉ" value={a.address} onValue={setField('address')} error={fields['applicant.address']} required={needs('address')} autoComplete="street-address" />
            <Field label="Số điện thoại" type="tel" value={a.phone} onValue={setField('phone')} error={fields['applicant.phone']} />
            <Field label="Thư điện tử" type="email" value={a.email} onValue={setField('email')} error={fields['applicant.email']} />
            <LoadState state={communeState} label="Đang tải danh sách xã, phường…" />
            {communes.length > 0 && (
              <SelectField
                id="rc-commune"
                label="Xã, phường nơi cư trú"
                value={commune}
                onValue={setCommune}
                placeholder="— Chọn xã, phường —"
                options={communes.map((c) => [String(c.id), unitChoiceLabel(c)])}
                error={fields['applicant.commune_unit_id']}
              />
            )}
          </fieldset>
          <SelectField
            id="rc-agency"
            label="Cơ quan giải quyết"
            value={agency}
            onValue={(v) => {
              setAgency(v);
              setDesk('');
              setResultPoint('');
            }}
            placeholder={p.agencies.length !== 1 ? '— Chọn cơ quan —' : undefined}
            options={p.agencies.map((x) => [String(x.id), unitChoiceLabel(x)])}
            error={fields.agency_unit_id}
          />
          {myPoints.length > 1 && (
            <SelectField
              id="rc-desk"
              label="Nơi tiếp nhận"
              value={desk}
              onValue={(v) => {
                setDesk(v);
                setResultPoint('');
                setFields((prev) => ({ ...prev, desk_unit_id: '' }));
              }}
              placeholder="— Chọn nơi tiếp nhận —"
              options={myPoints.map((x) => [String(x.id), unitChoiceLabel(x)])}
              error={fields.desk_unit_id}
            />
          )}
          <SelectField
            id="rc-channel"
            label="Hình thức nộp"
            value={channel}
            onValue={setChannel}
            options={[
              ['desk', 'Trực tiếp tại bộ phận một cửa'],
              ['postal', 'Qua bưu chính công ích'],
            ]}
          />
          <SelectField
            id="rc-return"
            label="Hình thức nhận kết quả"
            value={returnMethod}
            onValue={setReturnMethod}
            options={returnMethods}
            error={fields.return_method}
          />
          {returnMethod === 'desk' && ownDesk && (
            <SelectField
              id="rc-result-point"
              label="Nơi nhận kết quả"
              value={resultPoint}
              onValue={setResultPoint}
              options={[
                ['', 'Tại nơi tiếp nhận hồ sơ'],
                ['agency', 'Tại bộ phận một cửa của cơ quan giải quyết'],
              ]}
              error={fields.result_unit_id}
            />
          )}
          {returnMethod === 'post' && (
            <Field
              label="Địa chỉ nhận kết quả"
              value={postalAddress}
              onValue={setPostalAddress}
              error={fields.postal_address}
              hint="Để trống nếu gửi về địa chỉ của người nộp."
            />
          )}
          <EFormFields form={p.definition.form} values={form} errors={fields} onChange={(key, v) => setForm({ ...form, [key]: v })} />
          <fieldset>
            <legend>Giấy tờ đã nhận</legend>
            <TableWrap label="Giấy tờ đã nhận">
              <table>
                <thead>
                  <tr>
                    <th scope="col">Giấy tờ</th>
                    <th scope="col">Bản chính</th>
                    <th scope="col">Bản sao</th>
                  </tr>
                </thead>
                <tbody>
                  {p.definition.papers.map((paper, i) => (
                    <tr>
                      <td>
                        {paper.name}
                        {paper.required ? '' : ' (nếu có)'}
                      </td>
                      <td>
                        <input
                          type="number"
                          min="0"
                          max="50"
                          aria-label={`Số bản chính: ${paper.name}`}
                          value={received[i]?.originals ?? 0}
                          onInput={(e) => setReceived({ ...received, [i]: { ...received[i], originals: Number((e.target as HTMLInputElement).value) || 0 } })}
                        />
                      </td>
                      <td>
                        <input
                          type="number"
                          min="0"
                          max="50"
                          aria-label={`Số bản sao: ${paper.name}`}
                          value={received[i]?.copies ?? 0}
                          onInput={(e) => setReceived({ ...received, [i]: { ...received[i], copies: Number((e.target as HTMLInputElement).value) || 0 } })}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableWrap>
          </fieldset>
          <details>
            <summary>Đính kèm bản quét giấy tờ (số hóa)</summary>
            {p.definition.papers.map((paper, i) => (
              <PaperUpload id={'scan-' + i} label={paper.name} required={false} files={scans[i] ?? []} onChange={(fs) => setScans((prev) => ({ ...prev, [i]: fs }))} />
            ))}
          </details>
          <Button type="submit" busy={busy}>
            Tiếp nhận hồ sơ
          </Button>
        </form>
      )}
    </Page>
  );
}
