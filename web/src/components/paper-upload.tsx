// One required paper of a dossier: choose files (PDF, JPEG, PNG), see each upload's progress
// and its size, remove a file before submitting. Upload errors are shown next to the paper.
// While a file is still uploading, its form cannot be submitted: the person is told to wait
// instead of the form going without the file.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type UploadedFile, messageOf, uploadFile } from '../api';
import { fileSize } from '../onestop';

const ACCEPT = 'application/pdf,image/jpeg,image/png';
const MAX_BYTES = 20 * 1024 * 1024;

interface Props {
  id: string;
  label: string;
  hint?: string;
  required: boolean;
  files: UploadedFile[];
  error?: string;
  onChange(files: UploadedFile[]): void;
}

export function PaperUpload({ id, label, hint, required, files, error, onChange }: Props) {
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const [uploadError, setUploadError] = useState('');
  const [waitNotice, setWaitNotice] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const shown = waitNotice || uploadError || error || '';
  const uploading = useRef<string | null>(null);

  // A capture listener on the enclosing form runs before the form's own submit handler
  // (listeners at the target run capture first), so no form needs to know about uploads.
  useEffect(() => {
    const form = input.current?.form;
    if (!form) return;
    const hold = (e: Event) => {
      if (uploading.current === null) return;
      e.preventDefault();
      e.stopImmediatePropagation();
      setWaitNotice(`Tệp "${uploading.current}" đang được tải lên. Vui lòng chờ tải xong rồi gửi lại.`);
    };
    form.addEventListener('submit', hold, true);
    return () => form.removeEventListener('submit', hold, true);
  }, []);

  async function choose(list: FileList | null) {
    if (!list) return;
    setUploadError('');
    let current = files;
    for (const f of Array.from(list)) {
      if (f.size > MAX_BYTES) {
        setUploadError(`Tệp "${f.name}" lớn hơn 20 MB.`);
        continue;
      }
      setProgress({ name: f.name, fraction: 0 });
      uploading.current = f.name;
      try {
        const up = await uploadFile(f, (fraction) => setProgress({ name: f.name, fraction }));
        current = [...current, up];
        onChange(current);
      } catch (e) {
        setUploadError(messageOf(e));
      }
    }
    uploading.current = null;
    setWaitNotice('');
    setProgress(null);
    if (input.current) input.current.value = '';
  }

  return (
    <div class={'field paper' + (shown ? ' field--invalid' : '')}>
      <label for={id}>
        {label}
        {required ? <span class="required"> (bắt buộc)</span> : <span class="muted"> (nếu có)</span>}
      </label>
      {hint && (
        <p class="field__hint" id={id + '-hint'}>
          {hint}
        </p>
      )}
      <input
        id={id}
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple
        aria-describedby={[hint ? id + '-hint' : '', shown ? id + '-error' : ''].filter(Boolean).join(' ') || undefined}
        aria-invalid={shown ? 'true' : undefined}
        onChange={(e) => choose((e.target as HTMLInputElement).files)}
      />
      {progress && (
        <p class="upload-progress">
          <label for={id + '-progress'}>Đang tải lên {progress.name}</label>
          <progress id={id + '-progress'} max={1} value={progress.fraction}>
            {Math.round(progress.fraction * 100)}%
          </progress>
        </p>
      )}
      {files.length > 0 && (
        <ul class="file-list">
          {files.map((f) => (
            <li key={f.id}>
              <span>
                {f.name} <span class="muted">({fileSize(f.size)})</span>
              </span>
              <button
                type="button"
                class="link-button link-button--danger"
                onClick={() => onChange(files.filter((x) => x.id !== f.id))}
                aria-label={`Bỏ tệp ${f.name}`}
              >
                Bỏ tệp
              </button>
            </li>
          ))}
        </ul>
      )}
      {shown && (
        <p class="field__error" id={id + '-error'} role="alert">
          {shown}
        </p>
      )}
    </div>
  );
}
