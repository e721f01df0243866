// Officials of a unit and their roles: create an account, grant or revoke a role in a unit,
// reset a password (the temporary one is shown once).
import { useState } from 'preact/hooks';
import { ApiError, del, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import type { Grant } from '../../session';
import { AdminPage, flatten, useUnitTree } from './common';
import { TableWrap } from '../../components/table-wrap';
import { LoadState, useApi } from '../../use-load';
import { useWords } from '../../vocabulary';

interface Official {
  id: number;
  unit_id: number;
  username: string;
  full_name: string;
  position: string | null;
  email: string | null;
  active: boolean;
  grants: Grant[];
}


export function Officials() {
  const [tree, , treeState] = useUnitTree();
  const words = useWords();
  const units = flatten(tree);
  const [unit, setUnit] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [position, setPosition] = useState('');
  const [email, setEmail] = useState('');
  const [grantRole, setGrantRole] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);

  const officials = useApi<{ items: Official[] }>(unit ? `/api/v1/officials?unit_id=${unit}&limit=200` : null);
  const list = officials.data?.items;

  const run = async (what: () => Promise<unknown>, done: string) => {
    setError('');
    setNotice('');
    setBusy(true);
    try {
      await what();
      setNotice(done);
      setFields({});
      officials.reload();
    } catch (e) {
      setError(messageOf(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  };

  return (
    <AdminPage title="Cán bộ và phân quyền">
      <LoadState state={treeState} />
      <div class="field field--wide">
        <label for="off-unit">Đơn vị</label>
        <select id="off-unit" value={unit} onChange={(e) => setUnit((e.target as HTMLSelectElement).value)}>
          <option value="">— Chọn đơn vị —</option>
          {units.map((u) => (
            <option value={String(u.id)}>{u.label}</option>
          ))}
        </select>
      </div>
      <ErrorBanner message={error} />
      <Notice message={notice} />
      {unit && <LoadState state={officials} />}
      {unit && list && (
        <section aria-labelledby="h-officials">
          <h2 id="h-officials">Cán bộ của đơn vị ({list.length})</h2>
          <TableWrap label="Danh sách cán bộ">
            <table>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Tên đăng nhập</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Thêm vai trò tại đơn vị này</th>
                  <th scope="col">Mật khẩu</th>
                </tr>
              </thead>
              <tbody>
                {list.map((o) => (
                  <tr key={o.id}>
                    <td>
                      {o.full_name}
                      {o.position && <span class="muted block">{o.position}</span>}
                    </td>
                    <td>{o.username}</td>
                    <td>
                      <ul class="plain">
                        {o.grants.map((g) => (
                          <li>
                            {g.role_label} — {g.unit_name}
                            {g.include_subunits ? ' (cả đơn vị trực thuộc)' : ''}{' '}
                            <button
                              class="link-button link-button--danger"
                              aria-label={`Thu hồi vai trò ${g.role_label} của ${o.full_name}`}
                              onClick={() => run(() => del(`/api/v1/officials/${o.id}/grants/${g.id}`), `Đã thu hồi vai trò ${g.role_label} của ${o.full_name}.`)}
                            >
                              Thu hồi
                            </button>
                          </li>
                        ))}
                      </ul>
                    </td>
                    <td>
                      <div class="inline-form">
                        <select aria-label={`Vai trò mới cho ${o.full_name}`} value={grantRole[o.id] ?? ''} onChange={(e) => setGrantRole({ ...grantRole, [o.id]: (e.target as HTMLSelectElement).value })}>
                          <option value="">— Vai trò —</option>
                          {words.choices('roles').map(([k, v]) => (
                            <option value={k}>{v}</option>
                          ))}
                        </select>
                        <button
                          class="button button--secondary"
                          disabled={!grantRole[o.id] || busy}
                          onClick={() =>
                            run(
                              () => post(`/api/v1/officials/${o.id}/grants`, { role: grantRole[o.id], unit_id: Number(unit) }),
                              `Đã giao vai trò ${words.label('roles', grantRole[o.id])} cho ${o.full_name}.`,
                            )
                          }
                        >
                          Giao
                        </button>
                      </div>
                    </td>
                    <td>
                      <button
                        class="link-button"
                        aria-label={`Đặt lại mật khẩu của ${o.full_name}`}
                        onClick={async () => {
                          setError('');
                          try {
                            const r = await post<{ temporary_password: string }>(`/api/v1/officials/${o.id}/password-reset`);
                            setNotice(`Mật khẩu tạm thời của ${o.full_name}: ${r.temporary_password} (chỉ hiện một lần; cán bộ phải đổi khi đăng nhập).`);
                          } catch (e) {
                            setError(messageOf(e));
                          }
                        }}
                      >
                        Đặt lại
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
          <h2>Thêm cán bộ</h2>
          <form
            class="form"
            noValidate
            onSubmit={(e) => {
              e.preventDefault();
              const name = username.trim();
              let temporary = '';
              run(
                () =>
                  post<{ temporary_password?: string }>('/api/v1/officials', {
                    unit_id: Number(unit),
                    username: name,
                    full_name: fullName.trim(),
                    position: position.trim() || undefined,
                    email: email.trim() || undefined,
                  }).then((r) => {
                    temporary = r.temporary_password ?? '';
                    setUsername('');
                    setFullName('');
                    setPosition('');
                    setEmail('');
                  }),
                `Đã tạo tài khoản ${name}.`,
              ).then(() => {
                if (temporary) setNotice(`Đã tạo tài khoản ${name}. Mật khẩu tạm thời: ${temporary} (chỉ hiện một lần; cán bộ phải đổi khi đăng nhập).`);
              });
            }}
          >
            <Field label="Tên đăng nhập" value={username} onValue={setUsername} error={fields.username} />
            <Field label="Họ và tên" value={fullName} onValue={setFullName} error={fields.full_name} />
            <Field label="Chức vụ" value={position} onValue={setPosition} error={fields.position} />
            <Field label="Thư điện tử công vụ" type="email" value={email} onValue={setEmail} error={fields.email} />
            <Button type="submit" busy={busy}>
              Tạo tài khoản
            </Button>
          </form>
        </section>
      )}
    </AdminPage>
  );
}
