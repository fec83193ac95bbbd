import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventMap, EventName } from '../../../src-shared/events';
import { api, errorMessage } from './client';

export interface Query<T> {
  data: T | undefined;
  /** a sentence for the supervisor, or null */
  error: string | null;
  /** true only until the first answer: later reloads keep showing the last data */
  loading: boolean;
  reload(): Promise<void>;
}

/**
 * Loads once per change of `deps` and on reload(). An answer that arrives after a newer request was
 * made is dropped, so quick filter changes never show stale rows.
 */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[]): Query<T> {
  const [state, setState] = useState<{ data: T | undefined; error: string | null; loading: boolean }>({
    data: undefined,
    error: null,
    loading: true,
  });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ data, error: null, loading: false });
    } catch (err) {
      if (mine === seq.current) setState((s) => ({ data: s.data, error: errorMessage(err), loading: false }));
    }
  }, []);

  useEffect(() => {
    setState((s) => ({ data: s.data, error: null, loading: true }));
    void reload();
  }, deps);

  return { ...state, reload };
}

/**
 * Calls `onChange` when any of `events` arrives for `companyId`, at most once per `everyMs`
 * (first event at once, the rest folded into one trailing call), so a dialer reporting a
 * thousand results a second costs the window one refetch a second.
 */
export function useLive(events: readonly EventName[], companyId: number | null, onChange: () => void, everyMs = 1000): void {
  const changeRef = useRef(onChange);
  changeRef.current = onChange;
  const key = events.join(',');

  useEffect(() => {
    if (companyId === null) return;
    let last = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const fire = () => {
      timer = null;
      last = Date.now();
      changeRef.current();
    };
    const handler = (payload: { companyId?: number | null }) => {
      if (payload.companyId != null && payload.companyId !== companyId) return;
      if (timer) return;
      const wait = last + everyMs - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    };
    const offs = key.split(',').map((e) => api.on(e as EventName, handler as (p: EventMap[EventName]) => void));
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [key, companyId, everyMs]);
}

export interface Action<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  busy: boolean;
  error: string | null;
  clearError(): void;
}

/** A button's work: busy while it runs, a readable error when it fails, never an unhandled rejection. */
export function useAction<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      return await fnRef.current(...args);
    } catch (err) {
      setError(errorMessage(err));
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setError(null), []);
  return { run, busy, error, clearError };
}
