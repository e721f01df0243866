// The demo installation's payment gateway page (provider "demo"): what a real gateway (the
// national payment platform, a bank) shows — the order, the amount, a confirm button — and
// then sends the applicant back to their dossier. Clearly marked as a test.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { messageOf, post } from '../../api';
import { Button, ErrorBanner } from '../../components/form';
import { Page, SignInRequired } from '../../components/page';
import type { Payment } from '../../onestop';
import { useSession } from '../../session';
import { LoadState, useApi } from '../../use-load';

export function DemoGateway() {
  const { principal, loading } = useSession();
  const { query, route } = useLocation();
  const order = query.don_hang ?? '';
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const payment = useApi<Payment & { dossier_id: number }>(principal?.kind === 'applicant' && order ? `/api/v1/payments/demo/${encodeURIComponent(order)}` : null);
  const p = payment.data;
  if (loading) return <p class="page">Đang tải…</p>;
  if (principal?.kind !== 'applicant') return <SignInRequired title="Thanh toán trực tuyến" kind="applicant" />;
  return (
    <Page title="Cổng thanh toán (thử nghiệm)">
      <p class="banner banner--warning">
        Đây là cổng thanh toán THỬ NGHIỆM của bản cài đặt mẫu: không có tiền thật được chuyển. Hệ thống thật kết nối Nền tảng
        thanh toán trực tuyến của Cổng Dịch vụ công quốc gia hoặc ngân hàng.
      </p>
      <ErrorBanner message={error} />
      <LoadState state={payment} />
      {p && (
        <>
          <dl class="facts">
            <dt>Nội dung</dt>
            <dd>Phí, lệ phí hồ sơ {p.dossier_code}</dd>
            <dt>Người nộp</dt>
            <dd>{p.applicant_name}</dd>
            <dt>Số tiền</dt>
            <dd>
              <strong>{p.amount_text}</strong>
            </dd>
            <dt>Mã đơn hàng</dt>
            <dd>{p.order_ref}</dd>
            <dt>Trạng thái</dt>
            <dd>{p.status_label}</dd>
          </dl>
          {p.status === 'pending' ? (
            <Button
              busy={busy}
              onClick={async () => {
                setBusy(true);
                setError('');
                try {
                  await post(`/api/v1/payments/demo/${encodeURIComponent(order)}/pay`);
                  route(`/ho-so-cua-toi/${p.dossier_id}?thanh_toan=${encodeURIComponent(order)}`);
                } catch (e) {
                  setError(messageOf(e));
                  setBusy(false);
                }
              }}
            >
              Xác nhận thanh toán
            </Button>
          ) : (
            <p>
              <a href={`/ho-so-cua-toi/${p.dossier_id}`}>Quay lại hồ sơ</a>
            </p>
          )}
        </>
      )}
    </Page>
  );
}
