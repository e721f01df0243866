// Look up a dossier's progress by its code and a verifier, without logging in. Nothing
// personal is shown: the server returns only status, steps and times.
import { useLocation } from 'preact-iso';
import { useEffect, useState } from 'preact/hooks';
import { get, messageOf } from '../../api';
import { DossierFacts, Timeline } from '../../components/dossier';
import { Button, ErrorBanner, Field } from '../../components/form';
import { Page } from '../../components/page';
import type { DossierView } from '../../onestop';

export function Lookup() {
  const { query } = useLocation();
  const [code, setCode] = useState(query.ma ?? '');
  const [verifier, setVerifier] = useState('');
  const [error, setError] = useState('');
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [d, setD] = useState<DossierView | null>(null);
  useEffect(() => setCode(query.ma ?? ''), [query.ma]);

  async function search(e: Event) {
    e.preventDefault();
    const f: Record<string, string> = {};
    if (!code.trim()) f.code = 'Nhập mã hồ sơ in trên giấy tiếp nhận.';
    if (verifier.replace(/\D/g, '').length < 4) f.verifier = 'Nhập ít nhất 4 chữ số cuối của số điện thoại, số CCCD hoặc mã số thuế.';
    setFields(f);
    if (Object.keys(f).length) {
      setError('Vui lòng kiểm tra lại các mục được đánh dấu.');
      return;
    }
    setBusy(true);
    setError('');
    setD(null);
    try {
      setD(await get<DossierView>(`/api/v1/public/dossiers/${encodeURIComponent(code.trim())}?verifier=${encodeURIComponent(verifier.trim())}`));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Page title="Tra cứu hồ sơ" wide>
      <p>Nhập mã hồ sơ và số điện thoại, số CCCD hoặc mã số thuế của người nộp (hoặc 4 chữ số cuối) để xem tiến độ giải quyết.</p>
      <form class="form form--inline" onSubmit={search} noValidate>
        <ErrorBanner message={error} />
        <Field label="Mã hồ sơ" value={code} onValue={setCode} error={fields.code} placeholder="000.00.03.H47-261123-0001" />
        <Field label="Số điện thoại, CCCD hoặc mã số thuế" value={verifier} onValue={setVerifier} error={fields.verifier} inputMode="numeric" />
        <Button type="submit" busy={busy}>
          Tra cứu
        </Button>
      </form>
      {d && (
        <div class="grid lookup-result" data-testid="lookup-result">
          <section class="panel" aria-labelledby="h-status">
            <h2 id="h-status">Tình trạng hồ sơ</h2>
            <DossierFacts d={d} />
          </section>
          <section class="panel" aria-labelledby="h-timeline">
            <h2 id="h-timeline">Quá trình giải quyết</h2>
            <Timeline entries={d.timeline} />
          </section>
        </div>
      )}
    </Page>
  );
}
