// One way for a page to load data: the request starts when its inputs change, is aborted when
// the page goes away or asks for something else (so a slow old answer never overwrites a new
// one), and the page gets the data, whether it is loading, the error in Vietnamese and a retry.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type ApiPath, get, messageOf } from './api';
import { ErrorBanner } from './components/form';

export interface Loaded<T> {
  data: T | null;
  loading: boolean;
  error: string; // '' when the last load succeeded
  // Loads again, keeping what is shown until the answer comes (after a change the page made).
  reload(): void;
  // Replaces the data with what a write returned, without asking the server again.
  setData(data: T): void;
}

// `load` runs whenever `deps` change; null waits (e.g. until the session is known).
export function useLoad<T>(load: ((signal: AbortSignal) => Promise<T>) | null, deps: unknown[]): Loaded<T> {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState('');
  const [loading, setLoading] = useState(load !== null);
  const [round, setRound] = useState(0);
  const keep = useRef(false); // a reload keeps the data shown; new inputs clear it
  useEffect(() => {
    if (!load) {
      setLoading(false);
      return;
    }
    const controller = new AbortController();
    if (!keep.current) setData(null);
    keep.current = false;
    setLoading(true);
    setError('');
    load(controller.signal).then(
      (d) => {
        if (controller.signal.aborted) return;
        setData(d);
        setLoading(false);
      },
      (e) => {
        if (controller.signal.aborted) return;
        setError(messageOf(e));
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [...deps, load === null, round]);
  return {
    data,
    loading,
    error,
    reload: () => {
      keep.current = true;
      setRound((r) => r + 1);
    },
    setData,
  };
}

// GET one API path (null waits); loads again when the path changes.
export function useApi<T>(path: ApiPath<'get'> | null): Loaded<T> {
  return useLoad(path === null ? null : (signal) => get<T>(path, signal), [path]);
}

export interface Paged<T, Extra = unknown> extends Loaded<T[]> {
  hasMore: boolean; // the server gave a next_cursor
  loadingMore: boolean;
  more(): void; // appends the next page
  first: (Extra & { items: T[] }) | null; // the first page as answered (totals and the like)
}

// A list paged by the server (`{items, next_cursor}`, `?cursor=`): the first page loads like
// useApi; more() appends the next one. New inputs (path) start again from the first page.
export function usePaged<T, Extra = unknown>(path: ApiPath<'get'> | null): Paged<T, Extra> {
  const first = useApi<Extra & { items: T[]; next_cursor: string | null }>(path);
  const [extra, setExtra] = useState<{ items: T[]; cursor: string | null } | null>(null);
  const [moreError, setMoreError] = useState('');
  const [loadingMore, setLoadingMore] = useState(false);
  const pending = useRef<AbortController | null>(null);
  // A new first page (new inputs, a reload) drops the pages appended to the old one; a "more"
  // still on its way is aborted (by the cleanup) and must not leave the button busy.
  useEffect(() => {
    setExtra(null);
    setMoreError('');
    setLoadingMore(false);
    return () => pending.current?.abort();
  }, [first.data]);
  const cursor = extra ? extra.cursor : (first.data?.next_cursor ?? null);
  const more = () => {
    if (!path || !cursor || loadingMore) return;
    const controller = new AbortController();
    pending.current = controller;
    setLoadingMore(true);
    const next = `${path}${path.includes('?') ? '&' : '?'}cursor=${encodeURIComponent(cursor)}` as ApiPath<'get'>;
    get<{ items: T[]; next_cursor: string | null }>(next, controller.signal).then(
      (r) => {
        if (controller.signal.aborted) return;
        setExtra((old) => ({ items: [...(old?.items ?? []), ...r.items], cursor: r.next_cursor }));
        setMoreError('');
        setLoadingMore(false);
      },
      (e) => {
        if (controller.signal.aborted) return;
        setMoreError(messageOf(e));
        setLoadingMore(false);
      },
    );
  };
  return {
    data: first.data ? [...first.data.items, ...(extra?.items ?? [])] : null,
    loading: first.loading,
    error: first.error || moreError,
    // After a failed "more", trying again asks for that page again, not for the first.
    reload: () => (moreError && !first.error ? more() : first.reload()),
    setData: (items) => first.data && first.setData({ ...first.data, items, next_cursor: null }),
    hasMore: cursor !== null,
    loadingMore,
    more,
    first: first.data,
  };
}

// What a page shows while its data is not there: "loading" for screen readers too, or the error
// with a retry.
export function LoadState({ state, label = 'Đang tải…' }: { state: Loaded<unknown>; label?: string }) {
  if (state.error) return <ErrorBanner message={state.error} onRetry={state.reload} />;
  if (state.loading && state.data === null) return <p role="status">{label}</p>;
  return null;
}

// The "Xem thêm" button of a paged list: shown while the server has more, busy while it loads.
export function MoreButton({ list, label = 'Xem thêm' }: { list: Paged<unknown, any>; label?: string }) {
  if (!list.hasMore) return null;
  return (
    <p>
      <button class="button button--secondary" disabled={list.loadingMore} onClick={list.more}>
        {list.loadingMore ? 'Đang tải…' : label}
      </button>
    </p>
  );
}
