// An applicant's own dossiers: the list with status, and each dossier with its timeline, the
// receipt, the papers asked for (supply them), withdrawal, the result and the rating.
import { useLocation, useRoute } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type UploadedFile, messageOf, post } from '../../api';
import { DossierFacts, StatusBadge, Timeline } from '../../components/dossier';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import { PaperUpload } from '../../components/paper-upload';
import { formatDate, formatDateTime } from '../../format';
import { type DossierView, type Payment, fileSize, formName } from '../../onestop';
import { useSession } from '../../session';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi, MoreButton, usePaged } from '../../use-load';

interface MyItem {
  id: number;
  code: string;
  procedure_name: string;
  status: string;
  status_label: string;
  submitted_at: string;
  due_at: string | null;
  returned_at: string | null;
  rated: boolean;
}

export function MyDossiers() {
  const { principal, loading } = useSession();
  const list = usePaged<MyItem>(principal?.kind === 'applicant' ? '/api/v1/my/dossiers?limit=20' : null);
  const items = list.data;
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'applicant') return <SignInRequired title="Hồ sơ của tôi" kind="applicant" />;
  return (
    <Page title="Hồ sơ của tôi" wide>
      <p>
        <a class="button" href="/thu-tuc">
          Nộp hồ sơ mới
        </a>
      </p>
      <LoadState state={list} />
      {items === null ? null : items.length === 0 ? (
        <p>Bạn chưa nộp hồ sơ nào.</p>
      ) : (
        <TableWrap label="Danh sách hồ sơ của tôi">
          <table class="cards-on-phone">
            <caption class="visually-hidden">Danh sách hồ sơ của tôi</caption>
            <thead>
              <tr>
                <th scope="col">Mã hồ sơ</th>
                <th scope="col">Thủ tục</th>
                <th scope="col">Ngày nộp</th>
                <th scope="col">Hẹn trả</th>
                <th scope="col">Trạng thái</th>
              </tr>
            </thead>
            <tbody>
              {items.map((d) => (
                <tr key={d.id}>
                  <td data-label="Mã hồ sơ">
                    <a href={`/ho-so-cua-toi/${d.id}`}>{d.code}</a>
                  </td>
                  <td data-label="Thủ tục">{d.procedure_name}</td>
                  <td data-label="Ngày nộp">{formatDate(d.submitted_at)}</td>
                  <td data-label="Hẹn trả">{d.due_at ? formatDate(d.due_at) : '—'}</td>
                  <td data-label="Trạng thái">
                    <StatusBadge status={d.status} label={d.status_label} />
                    {d.status === 'returned' && !d.rated && <span class="badge badge--info">Chưa đánh giá</span>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <MoreButton list={list} />
    </Page>
  );
}

const scoreLabels = ['Không hài lòng', 'Hài lòng', 'Rất hài lòng'];

export function MyDossier() {
  const { params } = useRoute();
  const { query } = useLocation();
  const { principal, loading } = useSession();
  const base = `/api/v1/my/dossiers/${encodeURIComponent(params.id)}` as const;
  const dossier = useApi<DossierView>(principal?.kind === 'applicant' ? base : null);
  const d = dossier.data;
  const setD = dossier.setData;
  const reload = dossier.reload;
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState('');
  const [supply, setSupply] = useState<Record<number, UploadedFile[]>>({});
  const [note, setNote] = useState('');
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [confirmWithdraw, setConfirmWithdraw] = useState(false);
  // Back from the payment gateway (?thanh_toan=<order>): say how the payment went.
  const order = query.thanh_toan ?? '';
  useEffect(() => {
    const p = d?.fee?.payments.find((x) => x.order_ref === order);
    if (!p) return;
    if (p.status === 'paid' || p.status === 'refunded') {
      setNotice(`Đã thanh toán ${p.amount_text}${p.receipt_no ? `. Biên lai điện tử số ${p.receipt_no}` : ''}.`);
    } else if (p.status === 'failed') {
      setError('Giao dịch thanh toán không thành công. Bạn có thể thanh toán lại.');
    } else {
      setNotice('Cổng thanh toán chưa báo kết quả giao dịch; vui lòng tải lại trang sau ít phút.');
    }
  }, [d?.version, order]);
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'applicant') return <SignInRequired title="Hồ sơ của tôi" kind="applicant" />;
  if (!d) {
    return (
      <Page title="Hồ sơ">
        <LoadState state={dossier} />
      </Page>
    );
  }
  const can = (a: string) => d.actions.some((x) => x.name === a);

  async function act(action: string, body: Record<string, unknown>, done: string) {
    setBusy(action);
    setError('');
    setNotice('');
    try {
      const r = await post<DossierView>(`${base}/actions`, { action, expected_version: d!.version, ...body });
      setD(r);
      setNotice(done);
      setSupply({});
      setNote('');
      setConfirmWithdraw(false);
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError && e.status === 409) reload();
    } finally {
      setBusy('');
    }
  }

  const lastRequest = [...d.timeline].reverse().find((e) => e.action === 'request_supplement' || e.action === 'desk_supplement');
  async function payOnline() {
    setBusy('pay');
    setError('');
    try {
      const p = await post<Payment>(`${base}/payments`);
      window.location.assign(p.redirect_url!);
    } catch (e) {
      setError(messageOf(e));
      setBusy('');
    }
  }
  return (
    <Page title={`Hồ sơ ${d.code}`} wide>
      <ErrorBanner message={error} />
      {/* A reload that failed (the page keeps what it showed): say so, with a retry. */}
      <LoadState state={dossier} />
      <Notice message={notice} />
      <div class="grid">
        <section class="panel" aria-labelledby="h-info">
          <h2 id="h-info">Thông tin hồ sơ</h2>
          <DossierFacts d={d} />
          {d.forms.length > 0 && (
            <ul class="plain">
              {d.forms.map((f) => (
                <li>
                  <a href={`${base}/forms/${f}`} target="_blank" rel="noopener">
                    Tải {formName(d.form_set, f).replace(/^./, (c) => c.toLowerCase())} (PDF)
                  </a>
                </li>
              ))}
            </ul>
          )}
          {d.result?.file && (
            <div class="result-box">
              <p>
                <a class="button" href={`${base}/files/${d.result.file.id}`} download>
                  Tải kết quả giải quyết ({fileSize(d.result.file.size)})
                </a>
              </p>
              {d.result.signatures.map((sig) => (
                <p class={sig.valid ? 'banner banner--success' : 'banner banner--warning'}>
                  {sig.kind_label}: {sig.signer_name} — {sig.message}
                </p>
              ))}
              <p class="muted">
                Kết quả điện tử đã được lưu vào <a href="/kho-giay-to">kho giấy tờ của bạn</a> khi trả kết quả.
              </p>
            </div>
          )}
          {d.result?.note && <p>{d.result.note}</p>}
          {d.delivery?.requested && (
            <p>
              Hình thức nhận kết quả: <strong>{d.delivery.requested_label}</strong>
              {d.delivery.postal_address ? ` — ${d.delivery.postal_address}` : ''}
              {d.delivery.postal_tracking ? `. Mã bưu gửi: ${d.delivery.postal_tracking}` : ''}
            </p>
          )}
        </section>
        <section class="panel" aria-labelledby="h-timeline">
          <h2 id="h-timeline">Quá trình giải quyết</h2>
          <Timeline entries={d.timeline} />
        </section>
      </div>

      {d.fee && d.fee.amount > 0 && (
        <section class="panel" aria-labelledby="h-fee">
          <h2 id="h-fee">Phí, lệ phí</h2>
          <p>
            Số tiền: <strong>{d.fee.amount_text}</strong> — {d.fee.paid_at ? `đã nộp lúc ${formatDateTime(d.fee.paid_at)}${d.fee.paid_online ? ' (trực tuyến)' : ''}` : d.fee.due_label}
          </p>
          {d.fee.payments
            .filter((p) => p.status !== 'pending')
            .map((p) => (
              <p class="muted">
                Giao dịch {p.order_ref}: {p.status_label}
                {p.receipt_no ? `. Biên lai điện tử số ${p.receipt_no}` : ''}
              </p>
            ))}
          {d.fee.can_pay_online && (
            <Button onClick={payOnline} busy={busy === 'pay'}>
              Thanh toán trực tuyến
            </Button>
          )}
        </section>
      )}

      {can('supply') && (
        <section class="panel" aria-labelledby="h-supply">
          <h2 id="h-supply">Bổ sung hồ sơ</h2>
          {lastRequest?.data?.items && (
            <div class="banner banner--warning">
              <p>Cơ quan yêu cầu bổ sung:</p>
              <ul>
                {(lastRequest.data.items as string[]).map((i) => (
                  <li>{i}</li>
                ))}
              </ul>
              {lastRequest.note && <p>{lastRequest.note}</p>}
            </div>
          )}
          <form
            class="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const files = Object.entries(supply).flatMap(([index, fs]) => fs.map((f) => ({ index: Number(index), file_id: f.id })));
              if (files.length === 0) {
                setError('Vui lòng tải lên ít nhất một tệp bổ sung.');
                return;
              }
              act('supply', { files, note }, 'Đã gửi giấy tờ bổ sung. Thời gian giải quyết được tính tiếp.');
            }}
          >
            {(d.papers ?? []).map((p) => (
              <PaperUpload id={'supply-' + p.index} label={p.name} required={false} files={supply[p.index] ?? []} onChange={(fs) => setSupply((prev) => ({ ...prev, [p.index]: fs }))} />
            ))}
            <Field multiline id="supply-note" label="Ghi chú" value={note} onValue={setNote} />
            <Button type="submit" busy={busy === 'supply'}>
              Gửi bổ sung
            </Button>
          </form>
        </section>
      )}

      {can('rate') && d.rating_criteria && (
        <section class="panel" aria-labelledby="h-rate">
          <h2 id="h-rate">Đánh giá sự hài lòng</h2>
          <form
            class="form form--wide"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              if (d.rating_criteria!.some((c) => answers[c.key] === undefined)) {
                setError('Vui lòng chọn mức đánh giá cho từng tiêu chí.');
                return;
              }
              act('rate', { answers, note }, 'Cảm ơn bạn đã đánh giá.');
            }}
          >
            {d.rating_criteria.map((c) => (
              <fieldset class="rating">
                <legend>{c.label}</legend>
                <div class="choice">
                  {scoreLabels.map((label, score) => (
                    <label>
                      <input type="radio" name={'rate-' + c.key} checked={answers[c.key] === score} onChange={() => setAnswers({ ...answers, [c.key]: score })} /> {label}
                    </label>
                  ))}
                </div>
              </fieldset>
            ))}
            <Field multiline id="rate-note" label="Góp ý (nếu có)" value={note} onValue={setNote} />
            <Button type="submit" busy={busy === 'rate'}>
              Gửi đánh giá
            </Button>
          </form>
        </section>
      )}
      {d.rated && <p class="banner banner--success">Bạn đã đánh giá dịch vụ cho hồ sơ này.</p>}

      {can('withdraw') && (
        <section class="panel" aria-labelledby="h-withdraw">
          <h2 id="h-withdraw">Rút hồ sơ</h2>
          {!confirmWithdraw ? (
            <button class="button button--secondary" onClick={() => setConfirmWithdraw(true)}>
              Rút hồ sơ
            </button>
          ) : (
            <form
              class="form"
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                act('withdraw', { note: note || 'Người nộp rút hồ sơ' }, 'Hồ sơ đã được rút.');
              }}
            >
              <p>Hồ sơ sẽ dừng giải quyết và không thể tiếp tục. Bạn có chắc chắn?</p>
              <Field multiline id="withdraw-note" label="Lý do rút hồ sơ" value={note} onValue={setNote} />
              <div class="actions-row">
                <button type="button" class="button button--secondary" onClick={() => setConfirmWithdraw(false)}>
                  Không rút
                </button>
                <Button type="submit" busy={busy === 'withdraw'}>
                  Xác nhận rút hồ sơ
                </Button>
              </div>
            </form>
          )}
        </section>
      )}
    </Page>
  );
}
