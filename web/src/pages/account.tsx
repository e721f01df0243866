// The signed-in person's account: who they are, their roles, password change, and for a new
// citizen or business account the confirmation of its phone number or e-mail address.
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { Button, ErrorBanner, Field } from '../components/form';
import { Page } from '../components/page';
import { useSession } from '../session';

// The code sent at registration; until it is entered the account can do nothing else.
function ConfirmContact() {
  const { principal, signIn } = useSession();
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  if (!principal) return null;
  async function confirm(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      await post('/api/v1/auth/contact/confirm', { code: code.trim() });
      signIn({ ...principal!, contact_pending: false });
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    } finally {
      setBusy(false);
    }
  }
  async function resend() {
    setError('');
    setNotice('');
    try {
      await post('/api/v1/auth/contact/resend');
      setNotice('Đã gửi mã mới.');
    } catch (err) {
      if (err instanceof ApiError) setError(err.message);
    }
  }
  return (
    <>
      <h2>Xác nhận tài khoản</h2>
      <p>
        Chúng tôi đã gửi mã xác nhận gồm 6 chữ số tới số điện thoại hoặc thư điện tử bạn đăng ký. Nhập
        mã để bắt đầu sử dụng tài khoản.
      </p>
      <form onSubmit={confirm} noValidate class="form">
        <ErrorBanner message={error} />
        {notice && (
          <div class="banner banner--success" role="status">
            {notice}
          </div>
        )}
        <Field
          label="Mã xác nhận"
          inputMode="numeric"
          autoComplete="one-time-code"
          value={code}
          onValue={setCode}
          error={fields.code}
        />
        <Button type="submit" busy={busy}>
          Xác nhận
        </Button>{' '}
        <button type="button" class="link-button" onClick={resend}>
          Gửi lại mã
        </button>
      </form>
    </>
  );
}

export function Account() {
  const { principal, loading, signIn } = useSession();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);

  if (loading) return <p class="page">Đang tải…</p>;
  if (!principal) {
    return (
      <Page title="Tài khoản">
        <p>
          Bạn chưa đăng nhập. <a href="/cong-dan/dang-nhap">Đăng nhập công dân</a> hoặc{' '}
          <a href="/dang-nhap">đăng nhập cán bộ</a>.
        </p>
      </Page>
    );
  }

  async function change(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    setDone(false);
    try {
      await post('/api/v1/auth/password', { current_password: current, new_password: next });
      if (principal?.must_change_password) signIn({ ...principal, must_change_password: false });
      setDone(true);
      setCurrent('');
      setNext('');
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Tài khoản của tôi">
      {principal.must_change_password && (
        <div class="banner banner--warning" role="status">
          Bạn đang dùng mật khẩu tạm thời. Vui lòng đổi mật khẩu.
        </div>
      )}
      <dl class="facts">
        <dt>Họ và tên</dt>
        <dd>{principal.full_name}</dd>
        <dt>Tên đăng nhập</dt>
        <dd>{principal.login}</dd>
        {principal.kind === 'official' && (
          <>
            <dt>Đơn vị</dt>
            <dd>{principal.unit_name}</dd>
          </>
        )}
      </dl>
      {principal.contact_pending && <ConfirmContact />}
      {principal.grants.length > 0 && (
        <>
          <h2>Vai trò</h2>
          <ul>
            {principal.grants.map((g) => (
              <li key={g.id}>
                {g.role_label} — {g.unit_name}
                {g.include_subunits ? ' (gồm các đơn vị trực thuộc)' : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h2>Đổi mật khẩu</h2>
      <form onSubmit={change} noValidate class="form">
        <ErrorBanner message={error} />
        {done && (
          <div class="banner banner--success" role="status">
            Đã đổi mật khẩu.
          </div>
        )}
        <Field
          label="Mật khẩu hiện tại"
          type="password"
          autoComplete="current-password"
          value={current}
          onValue={setCurrent}
          error={fields.current_password}
        />
        <Field
          label="Mật khẩu mới"
          hint="Ít nhất 8 ký tự; tránh mật khẩu phổ biến, ký tự lặp lại hoặc theo thứ tự bàn phím"
          type="password"
          autoComplete="new-password"
          value={next}
          onValue={setNext}
          error={fields.new_password}
        />
        <Button type="submit" busy={busy}>
          Đổi mật khẩu
        </Button>
      </form>
    </Page>
  );
}
