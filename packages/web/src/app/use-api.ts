import { useCallback, useEffect, useRef, useState } from "react";

interface QueryState<T> {
  key: string;
  data?: T;
  error?: unknown;
}

export interface ApiQuery<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
}

/**
 * Loads data for `key`; a new key (or reload) loads again. Keeps the previous data while
 * loading so lists do not flash. `load` always sees the latest render's values.
 */
export function useApiQuery<T>(key: string | null, load: () => Promise<T>): ApiQuery<T> {
  const [state, setState] = useState<QueryState<T>>({ key: "" });
  const [nonce, setNonce] = useState(0);
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });
  const fullKey = key === null ? null : `${key}#${nonce}`;
  useEffect(() => {
    if (fullKey === null) return;
    let cancelled = false;
    loadRef.current().then(
      (data) => {
        if (!cancelled) setState({ key: fullKey, data });
      },
      (error: unknown) => {
        if (!cancelled) setState((s) => ({ key: fullKey, data: s.data, error }));
      },
    );
    return () => {
      cancelled = true;
    };
  }, [fullKey]);
  const reload = useCallback(() => setNonce((n) => n + 1), []);
  return {
    data: state.data,
    error: state.key === fullKey ? state.error : undefined,
    loading: fullKey !== null && state.key !== fullKey,
    reload,
  };
}
