// The organisation tree with agency codes, and adding a unit under another.
import { useState } from 'preact/hooks';
import { ApiError, messageOf, post } from '../../api';
import { Button, ErrorBanner, Field, Notice } from '../../components/form';
import { AdminPage, type TreeUnit, flatten, useUnitTree } from './common';
import { LoadState } from '../../use-load';
import { useWords } from '../../vocabulary';
import { isoToVn } from '../../components/date-input';


function Facts({ u }: { u: TreeUnit }) {
  return (
    <>
      {' '}
      <code>{u.code}</code> <small class="unit-kind">{[u.level_label, u.kind_label].filter(Boolean).join(' · ')}</small>
      {u.ended_on ? (
        <span class="badge badge--stopped">Đã kết thúc ngày {isoToVn(u.ended_on)}</span>
      ) : (
        !u.active && <span class="badge badge--stopped">Ngừng hoạt động</span>
      )}
    </>
  );
}

function Branch({ units }: { units: TreeUnit[] }) {
  return (
    <ul class="tree">
      {units.map((u) => (
        <li>
          {u.children.length > 0 ? (
            <details open={u.level === 'province' && u.kind === 'people_committee'}>
              <summary>
                {u.name}
                <Facts u={u} />
              </summary>
              <Branch units={u.children} />
            </details>
          ) : (
            <span>
              {u.name}
              <Facts u={u} />
            </span>
          )}
        </li>
      ))}
    </ul>
  );
}

export function Units() {
  const [withEnded, setWithEnded] = useState(false);
  const [tree, reload, treeState] = useUnitTree(withEnded);
  const [choices] = useUnitTree();
  const words = useWords();
  const [parent, setParent] = useState('');
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState('province');
  const [kind, setKind] = useState('division');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);

  async function add(e: Event) {
    e.preventDefault();
    setBusy(true);
    setError('');
    setNotice('');
    try {
      await post('/api/v1/units', { parent_id: parent ? Number(parent) : undefined, code: code.trim(), name: name.trim(), level, kind });
      setNotice(`Đã thêm đơn vị ${name.trim()}.`);
      setCode('');
      setName('');
      setFields({});
      reload();
    } catch (err) {
      setError(messageOf(err));
      if (err instanceof ApiError) setFields(err.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <AdminPage title="Cơ cấu tổ chức">
      <div class="grid">
        <section class="panel" aria-labelledby="h-tree">
          <h2 id="h-tree">Cây đơn vị</h2>
          <p>
            <label>
              <input type="checkbox" checked={withEnded} onChange={(e) => setWithEnded((e.target as HTMLInputElement).checked)} /> Hiện cả đơn vị đã kết thúc (sau sắp xếp) hoặc
              ngừng hoạt động
            </label>{' '}
            · <a href="/quan-tri/sap-xep-don-vi">Sắp xếp đơn vị hành chính</a>
          </p>
          <LoadState state={treeState} />
          <Branch units={tree} />
        </section>
        <section class="panel" aria-labelledby="h-add">
          <h2 id="h-add">Thêm đơn vị</h2>
          <Notice message={notice} />
          <form class="form" noValidate onSubmit={add}>
            <ErrorBanner message={error} />
            <div class="field">
              <label for="unit-parent">Đơn vị cấp trên</label>
              <select id="unit-parent" value={parent} onChange={(e) => setParent((e.target as HTMLSelectElement).value)}>
                <option value="">— Không có (đơn vị gốc) —</option>
                {flatten(choices).map((u) => (
                  <option value={String(u.id)}>{u.label}</option>
                ))}
              </select>
            </div>
            <Field label="Mã định danh" value={code} onValue={setCode} error={fields.code} hint="Dạng 000.00.00.H47 theo QCVN 102:2016/BTTTT." />
            <Field label="Tên đơn vị" value={name} onValue={setName} error={fields.name} />
            <div class="field">
              <label for="unit-level">Cấp</label>
              <select id="unit-level" value={level} onChange={(e) => setLevel((e.target as HTMLSelectElement).value)}>
                {words.choices('unit_levels', { inForce: true }).map(([k, v]) => (
                  <option value={k}>{v}</option>
                ))}
              </select>
            </div>
            <div class="field">
              <label for="unit-kind">Loại đơn vị</label>
              <select id="unit-kind" value={kind} onChange={(e) => setKind((e.target as HTMLSelectElement).value)}>
                {words.choices('unit_kinds').map(([k, v]) => (
                  <option value={k}>{v}</option>
                ))}
              </select>
            </div>
            <Button type="submit" busy={busy}>
              Thêm đơn vị
            </Button>
          </form>
        </section>
      </div>
    </AdminPage>
  );
}
