// The files of a document with, for each, its digital signatures as verified by the server
// now: who signed, for which organisation, when, and the verdict in words (not only colour).
import type { DocFile, Signature } from '../documents';
import { formatDateTime } from '../format';
import { fileSize } from '../onestop';

export function DocumentFiles({ files, signatures, href }: { files: DocFile[]; signatures?: Record<string, Signature[]>; href(f: DocFile): string }) {
  if (files.length === 0) return <p>Chưa có tệp.</p>;
  return (
    <ul class="doc-files">
      {files.map((f) => {
        const sigs = signatures?.[String(f.id)] ?? [];
        return (
          <li key={f.id}>
            <a href={href(f)} target="_blank" rel="noopener">
              {f.name}
            </a>{' '}
            <span class="muted">({fileSize(f.size)})</span>
            {sigs.length === 0 ? (
              <p class="muted">Tệp chưa được ký số.</p>
            ) : (
              <ul class="signatures" aria-label={`Chữ ký số trên tệp ${f.name}`}>
                {sigs.map((s) => (
                  <li key={s.id} class={s.valid ? 'signature signature--valid' : 'signature signature--invalid'}>
                    <strong>{s.kind_label}:</strong> {s.signer_name}
                    {s.organisation && <span> — {s.organisation}</span>}
                    <br />
                    <span>Ký lúc {formatDateTime(s.signed_at)}. </span>
                    <span class={s.valid ? 'badge badge--done' : 'badge badge--overdue'}>{s.message}</span>
                  </li>
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ul>
  );
}

export function Timeline({ events }: { events: { id: number; at: string; actor: { name: string }; label: string; note: string | null }[] }) {
  return (
    <ol class="timeline">
      {events.map((e) => (
        <li key={e.id}>
          <strong>{e.label}</strong> — {e.actor.name}, {formatDateTime(e.at)}
          {e.note && <p>{e.note}</p>}
        </li>
      ))}
    </ol>
  );
}
