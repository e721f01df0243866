// Shared pieces of the administration screens: the guard for administrators and the unit
// tree flattened into choices.
import type { ComponentChildren } from 'preact';
import { Page } from '../../components/page';
import { isAdministrator, useSession } from '../../session';
import { type Loaded, useApi } from '../../use-load';

export interface TreeUnit {
  id: number;
  code: string;
  name: string;
  level: string;
  level_label?: string;
  kind: string;
  kind_label?: string;
  active: boolean;
  ended_on?: string | null;
  children: TreeUnit[];
}

export interface UnitChoice {
  id: number;
  label: string;
  depth: number;
}

export function flatten(tree: TreeUnit[], depth = 0, out: UnitChoice[] = []): UnitChoice[] {
  for (const u of tree) {
    out.push({ id: u.id, label: `${'— '.repeat(depth)}${u.name} (${u.code})`, depth });
    flatten(u.children, depth + 1, out);
  }
  return out;
}

// The whole organisation tree ([] until loaded), its reload, and the load's state to show.
// With `withEnded`, units reorganised away or stopped are included (for reading, not choosing).
export function useUnitTree(withEnded = false): [TreeUnit[], () => void, Loaded<unknown>] {
  const state = useApi<{ items: TreeUnit[] }>(withEnded ? '/api/v1/units/tree?include_inactive=1' : '/api/v1/units/tree');
  return [state.data?.items ?? [], state.reload, state];
}

// Shows its children only to administrators; everyone else is told what to do.
export function AdminPage({ title, children }: { title: string; children: ComponentChildren }) {
  const { principal, loading } = useSession();
  if (loading) return <p class="page">Đang tải…</p>;
  if (!isAdministrator(principal)) {
    return (
      <Page title={title}>
        <p>
          Trang này dành cho quản trị hệ thống. Vui lòng <a href="/dang-nhap?next=/quan-tri">đăng nhập bằng tài khoản quản trị</a>.
        </p>
      </Page>
    );
  }
  return (
    <Page title={title} wide>
      <p>
        <a href="/quan-tri">← Quản trị</a>
      </p>
      {children}
    </Page>
  );
}
