// API tokens for connected systems: create (the secret is shown once) and revoke.
import { useState } from 'preact/hooks';
import { del, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field } from '../../components/form';
import { formatDate } from '../../format';
import { AdminPage } from './common';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi } from '../../use-load';

interface Token {
  id: number;
  name: string;
  scopes: string[];
  created_at: string;
  expires_at: string | null;
  revoked_at?: string | null;
}

export function AdminTokens() {
  const tokens = useApi<{ items: Token[] }>('/api/v1/auth/tokens');
  const live = (tokens.data?.items ?? []).filter((t) => !t.revoked_at);
  const [name, setName] = useState('');
  const [write, setWrite] = useState(false);
  const [secret, setSecret] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <AdminPage title="Khóa truy cập API">
      <ErrorBanner message={error} />
      {secret && (
        <div class="banner banner--warning" role="status">
          Khóa mới (chỉ hiện một lần, hãy lưu lại ngay): <code data-testid="token-secret">{secret}</code>
        </div>
      )}
      <form
        class="form"
        noValidate
        onSubmit={async (e) => {
          e.preventDefault();
          setBusy(true);
          setError('');
          try {
            const r = await post<{ token: string }>('/api/v1/auth/tokens', { name: name.trim(), scopes: write ? ['read', 'write'] : ['read'], expires_in_days: 365 });
            setSecret(r.token);
            setName('');
            tokens.reload();
          } catch (err) {
            setError(messageOf(err));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Field label="Tên hệ thống kết nối" value={name} onValue={setName} />
        <label class="check">
          <input type="checkbox" checked={write} onChange={(e) => setWrite((e.target as HTMLInputElement).checked)} /> Cho phép ghi dữ liệu
        </label>
        <Button type="submit" busy={busy}>
          Tạo khóa (hiệu lực 365 ngày)
        </Button>
      </form>
      <h2>Khóa đã cấp</h2>
      <LoadState state={tokens} />
      {!tokens.data ? null : live.length === 0 ? (
        <p>Chưa có khóa nào.</p>
      ) : (
        <TableWrap label="Khóa đã cấp">
          <table>
            <thead>
              <tr>
                <th scope="col">Tên</th>
                <th scope="col">Quyền</th>
                <th scope="col">Ngày tạo</th>
                <th scope="col">Hết hạn</th>
                <th scope="col">Thao tác</th>
              </tr>
            </thead>
            <tbody>
              {live.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.scopes.includes('write') ? 'Đọc và ghi' : 'Chỉ đọc'}</td>
                  <td>{formatDate(t.created_at)}</td>
                  <td>{t.expires_at ? formatDate(t.expires_at) : 'Không'}</td>
                  <td>
                    <button
                      class="link-button link-button--danger"
                      aria-label={`Thu hồi khóa ${t.name}`}
                      onClick={() =>
                        del(`/api/v1/auth/tokens/${t.id}`)
                          .then(tokens.reload)
                          .catch((e) => setError(messageOf(e)))
                      }
                    >
                      Thu hồi
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </AdminPage>
  );
}
