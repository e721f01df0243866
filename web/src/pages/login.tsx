// Login for officials (username) and for citizens and businesses (phone or e-mail).
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { Button, ErrorBanner, Field } from '../components/form';
import { Page } from '../components/page';
import { type Principal, isAdministrator, useSession } from '../session';

// Where a person's work is: the queue for one-stop staff, documents for clerks, administration
// for administrators, their dossiers for citizens; the account page only when it must be
// completed first (a temporary password, a contact to confirm).
function homeOf(p: Principal): string {
  if (p.must_change_password || p.contact_pending) return '/tai-khoan';
  if (p.kind === 'applicant') return '/ho-so-cua-toi';
  const has = (role: string) => p.grants.some((g) => g.role === role);
  if (has('system_admin')) return '/quan-tri';
  if (has('desk_officer') || has('specialist') || has('leader')) return '/can-bo/ho-so';
  if (has('clerk')) return '/van-ban';
  if (isAdministrator(p)) return '/quan-tri';
  return '/tai-khoan';
}

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
      const next = query.next && query.next.startsWith('/') && !query.next.startsWith('//') ? query.next : homeOf(r.principal);
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
