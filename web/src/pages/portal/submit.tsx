// The online submission wizard: who applies (pre-filled from the account), where, the e-form,
// each paper uploaded with progress, a review, then the receipt with the dossier code.
import { useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type UploadedFile, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, SelectField } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { EFormFields, eformData, eformProblems } from '../../components/eform';
import { PaperUpload } from '../../components/paper-upload';
import { formatDateTime } from '../../format';
import {
  type ApplicantProfile,
  type DossierView,
  type ProcedureDetail,
  type StoreItem,
  type UnitRef,
  processingTime,
  returnMethods,
  unitChoiceLabel,
  useCommunes,
} from '../../onestop';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

interface Applicant {
  kind: 'citizen' | 'business';
  name: string;
  id_number: string;
  tax_code: string;
  representative: string;
  address: string;
  phone: string;
  email: string;
}

const MARKED = 'Vui lòng kiểm tra lại các mục được đánh dấu.';
const STEPS = ['Người nộp', 'Thông tin hồ sơ', 'Giấy tờ', 'Nhận kết quả', 'Kiểm tra và nộp'];
const LAST = STEPS.length - 1;
const OWN_DESK = 'Bộ phận một cửa của cơ quan giải quyết';

export function SubmitOnline() {
  const { params } = useRoute();
  const { principal, loading } = useSession();
  const procedure = useApi<ProcedureDetail>(`/api/v1/procedures/${encodeURIComponent(params.id)}`);
  const p = procedure.data;
  const communeState = useCommunes(!!p?.definition.steps.some((s) => s.unit === 'applicant_commune'));
  const communes = communeState.data ?? [];
  const applicantSignedIn = principal?.kind === 'applicant';
  const profile = useApi<ApplicantProfile>(applicantSignedIn ? '/api/v1/my/profile' : null);
  // The applicant's document store, to reuse papers: optional, the wizard works without it.
  const store: StoreItem[] = useApi<{ items: StoreItem[] }>(applicantSignedIn ? '/api/v1/my/documents' : null).data?.items ?? [];
  const [agency, setAgency] = useState('');
  // Where to submit and collect (Nghị định 118/2025: any reception point of the province, when
  // the province allows it); optional, the chosen agency's own desk without it. The server
  // accepts exactly the points it offers for that agency.
  const reception = useApi<{ items: UnitRef[]; anywhere: boolean; own_desk?: number }>(
    p ? `/api/v1/procedures/${p.id}/reception-points${agency ? `?agency_id=${agency}` : ''}` : null,
  ).data;
  const points = reception?.items ?? [];
  const [desk, setDesk] = useState('');
  // Where to collect a result returned at a desk: '' where it was received, or the competent
  // agency's own desk (Nghị định 118/2025: the applicant chooses).
  const [resultPoint, setResultPoint] = useState('');
  // A point chosen for one agency may not receive for another: choose again.
  useEffect(() => {
    setDesk('');
    setFields((prev) => (prev.desk_unit_id ? { ...prev, desk_unit_id: '' } : prev));
  }, [agency]);
  useEffect(() => setResultPoint(''), [agency, desk]);
  const [step, setStep] = useState(0);
  const [applicant, setApplicant] = useState<Applicant>({
    kind: 'citizen',
    name: '',
    id_number: '',
    tax_code: '',
    representative: '',
    address: '',
    phone: '',
    email: '',
  });
  const [returnMethod, setReturnMethod] = useState('');
  const [postalAddress, setPostalAddress] = useState('');
  const [commune, setCommune] = useState('');
  const [form, setForm] = useState<Record<string, string>>({});
  const [papers, setPapers] = useState<Record<number, UploadedFile[]>>({});
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<DossierView | null>(null);
  // The "check the marked items" banner goes once every marked item is put right.
  useEffect(() => {
    if (error === MARKED && !Object.values(fields).some(Boolean)) setError('');
  }, [fields]);

  // The procedure's defaults fill the choices it leaves no doubt about.
  useEffect(() => {
    if (!p) return;
    if (p.agencies.length === 1) setAgency(String(p.agencies[0].id));
    setReturnMethod((m) => m || (p.online_mode === 'full' ? 'online' : 'desk'));
  }, [p]);
  // The account's details fill the form; a business account applies as that business. Without
  // them (the profile failed to load) the name at least comes from the session.
  useEffect(() => {
    const acc = profile.data;
    if (acc)
      setApplicant((a) => ({
        ...a,
        kind: acc.kind,
        name: a.name || acc.full_name,
        id_number: a.id_number || acc.id_number || '',
        tax_code: a.tax_code || acc.tax_code || '',
        representative: a.representative || acc.representative || '',
        address: a.address || acc.address || '',
        phone: a.phone || acc.phone || '',
        email: a.email || acc.email || '',
      }));
    else if (profile.error && principal) setApplicant((a) => ({ ...a, name: a.name || principal.full_name }));
  }, [profile.data, profile.error]);

  if (loading) return <p class="page">Đang tải…</p>;
  if (!principal || principal.kind !== 'applicant') {
    return <SignInRequired title="Nộp hồ sơ trực tuyến" kind="applicant" />;
  }
  if (!p) {
    return (
      <Page title="Nộp hồ sơ trực tuyến">
        <LoadState state={procedure} />
      </Page>
    );
  }
  const def = p.definition;
  const needsCommune = def.steps.some((s) => s.unit === 'applicant_commune');
  const requires = (field: string) => (def.applicant_required ?? []).includes(field);
  const business = applicant.kind === 'business';
  const set = (k: keyof Applicant) => (v: string) => {
    setApplicant({ ...applicant, [k]: v });
    setFields((prev) => (prev['applicant.' + k] ? { ...prev, ['applicant.' + k]: '' } : prev));
  };

  if (done) {
    return (
      <Page title="Nộp hồ sơ thành công">
        <div class="banner banner--success" role="status">
          Hồ sơ của bạn đã được gửi. Bộ phận một cửa sẽ kiểm tra và tiếp nhận; bạn sẽ nhận được thông báo.
        </div>
        <dl class="facts receipt">
          <dt>Mã hồ sơ</dt>
          <dd>
            <strong data-testid="dossier-code">{done.code}</strong>
          </dd>
          <dt>Thủ tục</dt>
          <dd>{done.procedure.name}</dd>
          <dt>Cơ quan giải quyết</dt>
          <dd>{done.agency?.name}</dd>
          <dt>Nơi tiếp nhận hồ sơ</dt>
          <dd>{done.desk?.name}</dd>
          {done.result_point && done.result_point.id !== done.desk?.id && (
            <>
              <dt>Nơi trả kết quả</dt>
              <dd>{done.result_point.name}</dd>
            </>
          )}
          <dt>Thời gian nộp</dt>
          <dd>{formatDateTime(done.submitted_at)}</dd>
          <dt>Thời hạn giải quyết</dt>
          <dd>{processingTime(p)}, tính từ khi hồ sơ được tiếp nhận</dd>
        </dl>
        <p>Hãy ghi lại mã hồ sơ để tra cứu tiến độ. Giấy tiếp nhận và hẹn trả kết quả (Mẫu 01) có ngay khi hồ sơ được tiếp nhận.</p>
        <p>
          <a class="button" href={`/ho-so-cua-toi/${done.id}`}>
            Xem hồ sơ
          </a>{' '}
          <a href="/ho-so-cua-toi">Hồ sơ của tôi</a>
        </p>
      </Page>
    );
  }

  function check(which: number): boolean {
    const f: Record<string, string> = {};
    if (which === 0) {
      if (!applicant.name.trim()) f['applicant.name'] = business ? 'Cần tên doanh nghiệp, tổ chức.' : 'Cần họ và tên người nộp hồ sơ.';
      if (applicant.id_number && !/^(\d{9}|\d{12})$/.test(applicant.id_number))
        f['applicant.id_number'] = 'Số CCCD gồm 12 chữ số (hoặc CMND 9 chữ số).';
      if (!business && requires('id_number') && !applicant.id_number.trim()) f['applicant.id_number'] = 'Thủ tục này cần số định danh cá nhân (CCCD).';
      if (business && !applicant.tax_code.trim()) f['applicant.tax_code'] = 'Cần mã số thuế của doanh nghiệp, tổ chức.';
      if (business && requires('representative') && !applicant.representative.trim())
        f['applicant.representative'] = 'Cần họ tên người đại diện theo pháp luật.';
      if (requires('address') && !applicant.address.trim()) f['applicant.address'] = 'Thủ tục này cần địa chỉ của người nộp.';
      if (applicant.phone && !/^0\d{9,10}$/.test(applicant.phone)) f['applicant.phone'] = 'Số điện thoại không hợp lệ (ví dụ: 0912345678).';
      if (!agency) f.agency_unit_id = 'Chọn cơ quan giải quyết hồ sơ.';
      if (needsCommune && !commune) f['applicant.commune_unit_id'] = 'Cần chọn xã, phường nơi cư trú.';
    } else if (which === 1) {
      Object.assign(f, eformProblems(def.form, form));
    } else if (which === 2) {
      def.papers.forEach((paper, i) => {
        if (paper.required && !(papers[i]?.length > 0)) f['paper.' + i] = 'Cần tải lên hoặc chọn từ kho giấy tờ này.';
      });
    } else if (which === 3) {
      if (returnMethod === 'post' && !(postalAddress.trim() || applicant.address.trim())) f.postal_address = 'Cần địa chỉ nhận kết quả.';
    }
    setFields(f);
    setError(Object.keys(f).length ? MARKED : '');
    return Object.keys(f).length === 0;
  }

  async function submit() {
    setBusy(true);
    setError('');
    try {
      const a: Record<string, unknown> = { kind: applicant.kind, name: applicant.name.trim() };
      for (const k of ['id_number', 'tax_code', 'representative', 'address', 'phone', 'email'] as const) if (applicant[k].trim()) a[k] = applicant[k].trim();
      if (commune) a.commune_unit_id = Number(commune);
      const body = {
        procedure_id: p!.id,
        agency_unit_id: Number(agency),
        ...(desk ? { desk_unit_id: Number(desk) } : {}),
        ...(returnMethod === 'desk' && resultPoint ? { result_unit_id: Number(resultPoint) } : {}),
        applicant: a,
        form_data: eformData(p!.definition.form, form),
        return_method: returnMethod,
        ...(returnMethod === 'post' ? { postal_address: (postalAddress || applicant.address).trim() } : {}),
        papers: Object.entries(papers)
          .filter(([, files]) => files.length > 0)
          .map(([index, files]) => ({ index: Number(index), file_ids: files.map((f) => f.id) })),
      };
      const d = await post<DossierView>('/api/v1/my/dossiers', body);
      setDone(d);
      window.scrollTo(0, 0);
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  const next = () => {
    if (check(step)) setStep(step + 1);
  };
  const agencyName = p.agencies.find((a) => String(a.id) === agency)?.name ?? '';
  const deskName = points.find((x) => String(x.id) === desk)?.name ?? OWN_DESK;
  // The agency's own desk, when the applicant submits elsewhere: a second place to collect.
  const ownDesk = reception?.own_desk && desk && Number(desk) !== reception.own_desk ? points.find((x) => x.id === reception.own_desk) : undefined;
  const resultName = resultPoint && ownDesk ? ownDesk.name : deskName;

  return (
    <Page title="Nộp hồ sơ trực tuyến" wide>
      <p class="lead">{p.name}</p>
      <ol class="stepper" aria-label="Các bước nộp hồ sơ">
        {STEPS.map((s, i) => (
          <li class={i === step ? 'stepper__current' : i < step ? 'stepper__done' : ''} aria-current={i === step ? 'step' : undefined}>
            <span class="stepper__no">{i + 1}</span> {s}
          </li>
        ))}
      </ol>
      <ErrorBanner message={error} />
      <form
        class="form form--wide"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          if (step < LAST) next();
          else submit();
        }}
      >
        {step === 0 && (
          <fieldset>
            <legend>Thông tin người nộp hồ sơ</legend>
            <p class="muted">
              Nộp với tư cách: <strong>{business ? 'Doanh nghiệp, tổ chức' : 'Công dân'}</strong> (theo tài khoản của bạn). Thông tin đã
              điền sẵn từ tài khoản; hãy kiểm tra và bổ sung.
            </p>
            <Field label={business ? 'Tên doanh nghiệp, tổ chức' : 'Họ và tên'} value={applicant.name} onValue={set('name')} error={fields['applicant.name']} autoComplete={business ? 'organization' : 'name'} required />
            {business ? (
              <>
                <Field label="Mã số thuế" value={applicant.tax_code} onValue={set('tax_code')} error={fields['applicant.tax_code']} inputMode="numeric" required />
                <Field
                  label="Người đại diện theo pháp luật"
                  value={applicant.representative}
                  onValue={set('representative')}
                  error={fields['applicant.representative']}
                  required={requires('representative')}
                />
              </>
            ) : (
              <Field
                label="Số định danh cá nhân (CCCD)"
                value={applicant.id_number}
                onValue={set('id_number')}
                error={fields['applicant.id_number']}
                inputMode="numeric"
                maxLength={12}
                required={requires('id_number')}
              />
            )}
            <Field label="Địa chỉ" value={applicant.address} onValue={set('address')} error={fields['applicant.address']} autoComplete="street-address" required={requires('address')} />
            <Field label="Số điện thoại" type="tel" value={applicant.phone} onValue={set('phone')} error={fields['applicant.phone']} autoComplete="tel" hint="Dùng để nhận tin nhắn và tra cứu hồ sơ." />
            <Field label="Thư điện tử" type="email" value={applicant.email} onValue={set('email')} error={fields['applicant.email']} autoComplete="email" />
            {needsCommune && <LoadState state={communeState} label="Đang tải danh sách xã, phường…" />}
            {needsCommune && (
              <SelectField
                id="commune"
                label="Xã, phường nơi cư trú"
                value={commune}
                onValue={setCommune}
                placeholder="— Chọn xã, phường —"
                options={communes.map((c) => [String(c.id), unitChoiceLabel(c)])}
                error={fields['applicant.commune_unit_id']}
              />
            )}
            <SelectField
              id="agency"
              label="Cơ quan giải quyết"
              value={agency}
              onValue={setAgency}
              placeholder={p.agencies.length !== 1 ? '— Chọn cơ quan —' : undefined}
              options={p.agencies.map((a) => [String(a.id), unitChoiceLabel(a)])}
              error={fields.agency_unit_id}
            />
          </fieldset>
        )}
        {step === 1 && (
          <fieldset>
            <legend>Thông tin hồ sơ (tờ khai điện tử)</legend>
            {def.form.length === 0 && <p>Thủ tục này không có tờ khai điện tử; hãy chuyển sang bước tải giấy tờ.</p>}
            <EFormFields
              form={def.form}
              values={form}
              errors={fields}
              onChange={(key, v) => {
                setForm({ ...form, [key]: v });
                setFields((prev) => ({ ...prev, ['form_data.' + key]: '' }));
              }}
            />
          </fieldset>
        )}
        {step === 2 && (
          <fieldset>
            <legend>Giấy tờ kèm theo</legend>
            <p class="muted">Tệp PDF hoặc ảnh (JPEG, PNG), mỗi tệp tối đa 20 MB. Ảnh chụp cần rõ nét, đủ các trang.</p>
            {def.papers.map((paper, i) => (
              <div class="paper-choice">
                <PaperUpload
                  id={'paper-' + i}
                  label={paper.name}
                  required={paper.required}
                  hint={[paper.originals ? `${paper.originals} bản chính` : '', paper.copies ? `${paper.copies} bản sao` : ''].filter(Boolean).join(', ')}
                  files={papers[i] ?? []}
                  error={fields['paper.' + i]}
                  onChange={(files) => {
                    // Functional updates: papers upload at the same time, and each upload ends
                    // with this callback as rendered when it began.
                    setPapers((prev) => ({ ...prev, [i]: files }));
                    if (files.length > 0) setFields((prev) => ({ ...prev, ['paper.' + i]: '' }));
                  }}
                />
                {store.length > 0 && (
                  <div class="field">
                    <label for={'store-' + i}>Hoặc chọn từ kho giấy tờ của bạn</label>
                    <select
                      id={'store-' + i}
                      value=""
                      onChange={(e) => {
                        const id = Number((e.target as HTMLSelectElement).value);
                        const item = store.find((x) => x.id === id);
                        if (!item) return;
                        const picked = { id: item.file.id, name: item.file.name, size: item.file.size, content_type: item.file.content_type, sha256: item.file.sha256 };
                        setPapers((prev) => ({ ...prev, [i]: [...(prev[i] ?? []).filter((f) => f.id !== picked.id), picked] }));
                        setFields((prev) => ({ ...prev, ['paper.' + i]: '' }));
                      }}
                    >
                      <option value="">— Chọn giấy tờ đã lưu —</option>
                      {store.map((it) => (
                        <option value={String(it.id)}>
                          {it.title} ({it.file.name})
                        </option>
                      ))}
                    </select>
                  </div>
                )}
              </div>
            ))}
          </fieldset>
        )}
        {step === 3 && (
          <fieldset>
            <legend>Hình thức nhận kết quả</legend>
            <div class="choice choice--stacked" role="radiogroup" aria-label="Hình thức nhận kết quả">
              {returnMethods.map(([k, label]) => (
                <label>
                  <input type="radio" name="return-method" checked={returnMethod === k} onChange={() => setReturnMethod(k)} /> {label}
                </label>
              ))}
            </div>
            {points.length > 1 && (
              <>
                <SelectField
                  id="desk"
                  label="Nơi tiếp nhận hồ sơ và trả kết quả trực tiếp"
                  value={desk}
                  onValue={(v) => {
                    setDesk(v);
                    setFields((prev) => ({ ...prev, desk_unit_id: '' }));
                  }}
                  placeholder={OWN_DESK}
                  options={points.map((x) => [String(x.id), unitChoiceLabel(x)])}
                  error={fields.desk_unit_id}
                />
                {reception?.anywhere && (
                  <p class="muted">
                    Bạn có thể chọn bất kỳ Trung tâm Phục vụ hành chính công hoặc Bộ phận Một cửa nào trong tỉnh, không phụ thuộc nơi cư trú;
                    nơi này tiếp nhận hồ sơ, chuyển đến cơ quan giải quyết và trả kết quả cho bạn.
                  </p>
                )}
              </>
            )}
            {returnMethod === 'desk' && ownDesk && (
              <fieldset>
                <legend>Nơi nhận kết quả</legend>
                <div class="choice choice--stacked" role="radiogroup" aria-label="Nơi nhận kết quả">
                  <label>
                    <input type="radio" name="result-point" checked={!resultPoint} onChange={() => setResultPoint('')} /> Tại nơi nộp hồ sơ — {deskName}
                  </label>
                  <label>
                    <input type="radio" name="result-point" checked={resultPoint === String(ownDesk.id)} onChange={() => setResultPoint(String(ownDesk.id))} /> Tại
                    cơ quan giải quyết — {ownDesk.name}
                  </label>
                </div>
                {fields.result_unit_id && <p class="field__error" role="alert">{fields.result_unit_id}</p>}
              </fieldset>
            )}
            {returnMethod === 'post' && (
              <Field
                label="Địa chỉ nhận kết quả"
                value={postalAddress || applicant.address}
                onValue={setPostalAddress}
                error={fields.postal_address}
                autoComplete="street-address"
                hint="Kết quả được gửi qua dịch vụ bưu chính công ích; cước do người nhận trả theo quy định."
              />
            )}
            {p.definition.fees.length > 0 && (
              <p class="muted">
                Phí, lệ phí: {p.definition.fees.map((fee) => fee.name).join(', ')} —{' '}
                {p.definition.fees_due === 'before_processing' ? 'nộp trước khi hồ sơ được giải quyết' : 'nộp trước khi nhận kết quả'}; có thể
                thanh toán trực tuyến sau khi nộp hồ sơ.
              </p>
            )}
          </fieldset>
        )}
        {step === LAST && (
          <section aria-labelledby="h-review">
            <h2 id="h-review">Kiểm tra trước khi nộp</h2>
            <dl class="facts">
              <dt>Người nộp</dt>
              <dd>{applicant.name}</dd>
              {applicant.id_number && (
                <>
                  <dt>Số định danh</dt>
                  <dd>{applicant.id_number}</dd>
                </>
              )}
              {applicant.phone && (
                <>
                  <dt>Điện thoại</dt>
                  <dd>{applicant.phone}</dd>
                </>
              )}
              <dt>Cơ quan giải quyết</dt>
              <dd>{agencyName}</dd>
              <dt>Nơi tiếp nhận hồ sơ</dt>
              <dd>{deskName}</dd>
              <dt>Nhận kết quả</dt>
              <dd>
                {returnMethods.find(([k]) => k === returnMethod)?.[1]}
                {returnMethod === 'post' ? ` — ${postalAddress || applicant.address}` : ''}
                {returnMethod === 'desk' ? ` — ${resultName}` : ''}
              </dd>
              {def.form.map((ff) => (
                <>
                  <dt>{ff.label}</dt>
                  <dd>{form[ff.key] || '—'}</dd>
                </>
              ))}
              {def.papers.map((paper, i) => (
                <>
                  <dt>{paper.name}</dt>
                  <dd>{(papers[i] ?? []).map((f) => f.name).join(', ') || 'Không có tệp'}</dd>
                </>
              ))}
            </dl>
            <p>Bằng việc nộp hồ sơ, tôi cam đoan các thông tin và giấy tờ trên là đúng sự thật.</p>
          </section>
        )}
        <div class="actions-row">
          {step > 0 && (
            <button type="button" class="button button--secondary" onClick={() => setStep(step - 1)}>
              Quay lại
            </button>
          )}
          <Button type="submit" busy={busy}>
            {step < LAST ? 'Tiếp tục' : 'Nộp hồ sơ'}
          </Button>
        </div>
      </form>
    </Page>
  );
}
