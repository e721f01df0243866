// Registration of citizen and business accounts.
import { useLocation } from 'preact-iso';
import { useState } from 'preact/hooks';
import { ApiError, post } from '../api';
import { Button, ErrorBanner, Field } from '../components/form';
import { Page } from '../components/page';
import { type Principal, useSession } from '../session';

export function Register() {
  const { signIn } = useSession();
  const { route } = useLocation();
  const [kind, setKind] = useState<'citizen' | 'business'>('citizen');
  const [form, setForm] = useState({
    full_name: '',
    phone: '',
    email: '',
    id_number: '',
    tax_code: '',
    representative: '',
    address: '',
    password: '',
    confirm: '',
  });
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm({ ...form, [k]: v });

  async function submit(e: Event) {
    e.preventDefault();
    setError('');
    if (form.password !== form.confirm) {
      setFields({ confirm: 'Mật khẩu nhập lại không khớp.' });
      setError('Dữ liệu nhập chưa hợp lệ, vui lòng kiểm tra lại.');
      return;
    }
    setBusy(true);
    setFields({});
    const body: Record<string, string> = { kind };
    for (const [k, v] of Object.entries(form)) if (k !== 'confirm' && v.trim()) body[k] = v;
    try {
      const r = await post<{ principal: Principal }>('/api/v1/auth/register', body);
      signIn(r.principal);
      route('/tai-khoan');
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
    <Page title="Đăng ký tài khoản">
      <form onSubmit={submit} noValidate class="form">
        <ErrorBanner message={error} />
        <fieldset class="choice">
          <legend>Bạn là</legend>
          <label>
            <input type="radio" name="kind" checked={kind === 'citizen'} onChange={() => setKind('citizen')} /> Công dân
          </label>
          <label>
            <input type="radio" name="kind" checked={kind === 'business'} onChange={() => setKind('business')} /> Doanh
            nghiệp, tổ chức
          </label>
        </fieldset>
        <Field
          label={kind === 'citizen' ? 'Họ và tên' : 'Tên doanh nghiệp, tổ chức'}
          value={form.full_name}
          onValue={set('full_name')}
          error={fields.full_name}
          autoComplete={kind === 'citizen' ? 'name' : 'organization'}
          required
        />
        {kind === 'citizen' ? (
          <Field
            label="Số căn cước công dân"
            hint="12 chữ số"
            inputMode="numeric"
            value={form.id_number}
            onValue={set('id_number')}
            error={fields.id_number}
          />
        ) : (
          <>
            <Field label="Mã số thuế" value={form.tax_code} onValue={set('tax_code')} error={fields.tax_code} required />
            <Field
              label="Người đại diện theo pháp luật"
              value={form.representative}
              onValue={set('representative')}
              error={fields.representative}
            />
          </>
        )}
        <Field
          label="Số điện thoại di động"
          hint="Dùng để đăng nhập và nhận thông báo"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          value={form.phone}
          onValue={set('phone')}
          error={fields.phone}
        />
        <Field
          label="Thư điện tử"
          type="email"
          autoComplete="email"
          value={form.email}
          onValue={set('email')}
          error={fields.email}
        />
        <Field label="Địa chỉ" autoComplete="street-address" value={form.address} onValue={set('address')} error={fields.address} />
        <Field
          label="Mật khẩu"
          hint="Ít nhất 8 ký tự; tránh mật khẩu phổ biến, ký tự lặp lại hoặc theo thứ tự bàn phím"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onValue={set('password')}
          error={fields.password}
          required
        />
        <Field
          label="Nhập lại mật khẩu"
          type="password"
          autoComplete="new-password"
          value={form.confirm}
          onValue={set('confirm')}
          error={fields.confirm}
          required
        />
        <Button type="submit" busy={busy}>
          Đăng ký
        </Button>
      </form>
      <p>
        Đã có tài khoản? <a href="/cong-dan/dang-nhap">Đăng nhập</a>
      </p>
    </Page>
  );
}
