// Searching documents of a unit by words of the notation, subject, issuer or PDF text, accents
// optional, with filters by kind, type and period.
import { useState } from 'preact/hooks';
import { DateTimeText } from '../../components/date-input';
import { get, messageOf } from '../../api';
import { ErrorBanner, SelectField } from '../../components/form';
import { TableWrap } from '../../components/table-wrap';
import { formatDate } from '../../format';
import { useWords } from '../../vocabulary';
import { WithUnit } from './common';

interface Hit {
  kind: 'incoming' | 'outgoing';
  id: number;
  notation: string | null;
  subject: string;
  issuer?: string;
  date: string;
}

export function DocumentSearch() {
  return <WithUnit title="Tìm kiếm văn bản" wide>{(unit) => <SearchBody unitId={unit.id} />}</WithUnit>;
}

function SearchBody({ unitId }: { unitId: number }) {
  const [q, setQ] = useState('');
  const words = useWords();
  const [kind, setKind] = useState('');
  const [type, setType] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [error, setError] = useState('');
  return (
    <>
      <form
        class="form form--inline filters"
        role="search"
        onSubmit={async (e) => {
          e.preventDefault();
          const p = new URLSearchParams({ unit_id: String(unitId), include_subunits: 'true', q });
          if (kind) p.set('kind', kind);
          if (type) p.set('doc_type', type);
          if (from) p.set('from', from);
          if (to) p.set('to', to);
          try {
            setHits((await get<{ items: Hit[] }>(`/api/v1/documents/search?${p}`)).items);
            setError('');
          } catch (err) {
            setError(messageOf(err));
          }
        }}
      >
        <div class="field">
          <label for="search-q">Từ khóa (số, ký hiệu, trích yếu, nội dung tệp)</label>
          <input id="search-q" type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        </div>
        <SelectField id="search-kind" label="Sổ" value={kind} onValue={setKind} placeholder="Văn bản đến và đi" options={[['incoming', 'Văn bản đến'], ['outgoing', 'Văn bản đi']]} />
        <SelectField id="search-type" label="Loại văn bản" value={type} onValue={setType} placeholder="Tất cả" options={words.choices('document_types')} />
        <div class="field">
          <label for="search-from">Từ ngày</label>
          <DateTimeText id="search-from" value={from} onValue={setFrom} />
        </div>
        <div class="field">
          <label for="search-to">Đến ngày</label>
          <DateTimeText id="search-to" value={to} onValue={setTo} />
        </div>
        <button class="button" type="submit">
          Tìm
        </button>
      </form>
      <ErrorBanner message={error} />
      {hits !== null &&
        (hits.length === 0 ? (
          <p role="status">Không tìm thấy văn bản phù hợp.</p>
        ) : (
          <TableWrap label="Kết quả tìm kiếm">
            <table>
              <caption class="visually-hidden">{hits.length} văn bản tìm thấy</caption>
              <thead>
                <tr>
                  <th scope="col">Sổ</th>
                  <th scope="col">Số, ký hiệu</th>
                  <th scope="col">Trích yếu</th>
                  <th scope="col">Ngày</th>
                </tr>
              </thead>
              <tbody>
                {hits.map((h) => (
                  <tr key={h.kind + h.id}>
                    <td>{h.kind === 'incoming' ? 'Đến' : 'Đi'}</td>
                    <td>
                      <a href={`/van-ban/${h.kind === 'incoming' ? 'den' : 'di'}/${h.id}`}>{h.notation ?? 'Dự thảo'}</a>
                      {h.issuer && (
                        <>
                          <br />
                          <span class="muted">{h.issuer}</span>
                        </>
                      )}
                    </td>
                    <td>{h.subject}</td>
                    <td>{formatDate(h.date)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        ))}
    </>
  );
}
