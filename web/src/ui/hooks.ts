/** Data loading and URL-kept table state, shared by every page. */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useSearchParams } from 'react-router-dom';

export interface Loaded<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/** Runs `load` when `key` changes (and on reload); ignores answers that arrive after a newer request. */
export function useApi<T>(load: (() => Promise<T>) | null, key: string): Loaded<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(load !== null);
  const [tick, setTick] = useState(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  useEffect(() => {
    const fn = loadRef.current;
    if (!fn) {
      setLoading(false);
      return;
    }
    let live = true;
    setLoading(true);
    fn().then(
      (d) => {
        if (!live) return;
        setData(d);
        setError(null);
        setLoading(false);
      },
      (e: unknown) => {
        if (!live) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => {
      live = false;
    };
  }, [key, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  return { data, error, loading, reload };
}

export const PAGE_SIZES = [10, 20, 50, 100];

/**
 * Filters, page and page size kept in the URL query string so a view can be shared as a link.
 * Changing a filter goes back to page 1.
 */
export function useUrlTable<F extends string>(filterKeys: readonly F[], defaults: Partial<Record<F, string>> = {}) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f = {} as Record<F, string>;
    for (const k of filterKeys) f[k] = params.get(k) ?? defaults[k] ?? '';
    return f;
  }, [params]);
  const page = Math.max(1, Number(params.get('page')) || 1);
  const size = PAGE_SIZES.includes(Number(params.get('size'))) ? Number(params.get('size')) : 20;

  const setFilters = useCallback(
    (patch: Partial<Record<F, string | undefined | null>>) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch) as [string, string | undefined | null][]) {
          if (v === undefined || v === null || v === '') next.delete(k);
          else next.set(k, v);
        }
        next.delete('page');
        return next;
      });
    },
    [setParams],
  );
  const setPage = useCallback(
    (p: number, s: number) => {
      setParams((prev) => {
        const next = new URLSearchParams(prev);
        if (p > 1) next.set('page', String(p));
        else next.delete('page');
        if (s !== 20) next.set('size', String(s));
        else next.delete('size');
        return next;
      });
    },
    [setParams],
  );
  const reset = useCallback(() => setParams(new URLSearchParams()), [setParams]);

  return { filters, page, size, limit: size, offset: (page - 1) * size, setFilters, setPage, reset, key: params.toString() };
}

/** antd Table pagination wired to useUrlTable. */
export function tablePagination(state: { page: number; size: number; setPage: (p: number, s: number) => void }, total: number | undefined, showTotal: (n: number) => string) {
  return {
    current: state.page,
    pageSize: state.size,
    total: total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: PAGE_SIZES,
    showTotal,
    onChange: (p: number, s: number) => state.setPage(s !== state.size ? 1 : p, s),
  };
}
