// Login for officials (username) and for citizens and businesses (phone or e-mail).
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { Button, ErrorBanner, Field } from '../components/form';
import { Page } from '../components/page';
import { type Principal, useSession } from '../session';

function LoginForm({ type }: { type: 'official' | 'applicant' }) {
  const { signIn } = useSession();
  const { route, query } = useLocation();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function submit(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setFields({});
    try {
      const r = await post<{ principal: Principal }>('/api/v1/auth/login', { username, password, account_type: type });
      signIn(r.principal);
      const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : '/tai-khoan';
      route(next);
    } catch (err) {
      if (err instanceof ApiError) {
        setError(err.message);
        setFields(err.fields);
      } else {
        setError('Đã có lỗi xảy ra. Vui lòng thử lại.');
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} noValidate class="form">
      <ErrorBanner message={error} />
      <Field
        label={type === 'official' ? 'Tên đăng nhập' : 'Số điện thoại hoặc thư điện tử'}
        value={username}
        onValue={setUsername}
        error={fields.username}
        autoComplete="username"
        required
      />
      <Field
        label="Mật khẩu"
        type="password"
        value={password}
        onValue={setPassword}
        error={fields.password}
        autoComplete="current-password"
        required
      />
      <Button type="submit" busy={busy}>
        Đăng nhập
      </Button>
    </form>
  );
}

export function OfficialLogin() {
  return (
    <Page title="Cán bộ đăng nhập">
      <p>Dành cho cán bộ, công chức, viên chức của các cơ quan trong tỉnh.</p>
      <LoginForm type="official" />
    </Page>
  );
}

export function ApplicantLogin() {
  return (
    <Page title="Công dân, doanh nghiệp đăng nhập">
      <LoginForm type="applicant" />
      <p>
        Chưa có tài khoản? <a href="/cong-dan/dang-ky">Đăng ký tài khoản</a>
      </p>
    </Page>
  );
}
