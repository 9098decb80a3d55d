import { useSearchParams } from 'react-router';

/** List state (page, search, filters) kept in the address, so back/forward and reload keep it. */
export function useUrlParams() {
  const [params, setParams] = useSearchParams();
  const get = (k: string) => params.get(k) ?? undefined;
  const num = (k: string, fallback: number) => Number(params.get(k) ?? fallback) || fallback;
  const set = (patch: Record<string, string | number | null | undefined>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) if (v === undefined || v === null || v === '') next.delete(k); else next.set(k, String(v));
    setParams(next, { replace: true });
  };
  return { get, num, set, params };
}
