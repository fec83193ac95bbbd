import { useCallback, useEffect, useRef, useState } from 'react';
import type { EventMap, EventName } from '../../../src-shared/events';
import { api } from './client';
import { toUiError } from './errors';

export interface Query<T> {
  /** the last answer; undefined while there is none, and while an error stands (no stale figures under an error) */
  data: T | undefined;
  /** a sentence for the supervisor, or null */
  error: string | null;
  /** whether asking again may help (a refused input will be refused again) */
  retryable: boolean;
  /** true only until the first answer: later reloads keep showing the last data */
  loading: boolean;
  reload(): Promise<void>;
}

interface QueryState<T> {
  data: T | undefined;
  error: string | null;
  retryable: boolean;
  loading: boolean;
}

/**
 * Loads once per change of `deps` and on reload(). An answer that arrives after a newer request was
 * made is dropped, so quick filter changes never show stale rows; a failure drops the figures it could
 * not refresh, so nothing under an error looks current. `enabled` false: nothing is asked (an input
 * the page already knows is wrong).
 */
export function useQuery<T>(load: () => Promise<T>, deps: readonly unknown[], enabled = true): Query<T> {
  const [state, setState] = useState<QueryState<T>>({ data: undefined, error: null, retryable: true, loading: enabled });
  const seq = useRef(0);
  const loadRef = useRef(load);
  loadRef.current = load;

  const reload = useCallback(async () => {
    const mine = ++seq.current;
    try {
      const data = await loadRef.current();
      if (mine === seq.current) setState({ data, error: null, retryable: true, loading: false });
    } catch (err) {
      if (mine !== seq.current) return;
      const ui = toUiError(err);
      setState({ data: undefined, error: ui.message ?? Object.values(ui.fields).join(' '), retryable: ui.retryable, loading: false });
    }
  }, []);

  useEffect(() => {
    if (!enabled) {
      ++seq.current;
      setState({ data: undefined, error: null, retryable: true, loading: false });
      return;
    }
    setState((s) => ({ data: s.data, error: null, retryable: true, loading: true }));
    void reload();
  }, [...deps, enabled]);

  return { ...state, reload };
}

/**
 * Calls `onChange` when any of `events` arrives for `companyId`, at most once per `everyMs`
 * (first event at once, the rest folded into one trailing call), so a dialer reporting a
 * thousand results a second costs the window one refetch a second. 'all': every company's events.
 */
export function useLive(events: readonly EventName[], companyId: number | 'all' | null, onChange: () => void, everyMs = 1000): void {
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
      if (companyId !== 'all' && payload.companyId != null && payload.companyId !== companyId) return;
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
  /** the refusal's sentence for the top of the form, or null (field problems sit on their fields) */
  error: string | null;
  /** field path → the sentence to show on that field */
  fieldErrors: Record<string, string>;
  clearError(): void;
}

/**
 * A button's work: busy while it runs, a readable error when it fails, never an unhandled rejection.
 * `fields`: the input paths the form shows, so a refusal about one of them lands on that field.
 * Each run starts by clearing the last run's errors: an old error never stands beside a new one.
 */
export function useAction<A extends unknown[], R>(
  fn: (...args: A) => Promise<R>,
  options: { fields?: readonly string[] } = {},
): Action<A, R> {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ error: string | null; fieldErrors: Record<string, string> }>({ error: null, fieldErrors: {} });
  const fnRef = useRef(fn);
  fnRef.current = fn;
  const fieldsRef = useRef(options.fields ?? []);
  fieldsRef.current = options.fields ?? [];
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setProblem({ error: null, fieldErrors: {} });
    try {
      return await fnRef.current(...args);
    } catch (err) {
      const ui = toUiError(err, fieldsRef.current);
      setProblem({ error: ui.message, fieldErrors: ui.fields });
      return undefined;
    } finally {
      setBusy(false);
    }
  }, []);
  const clearError = useCallback(() => setProblem({ error: null, fieldErrors: {} }), []);
  return { run, busy, error: problem.error, fieldErrors: problem.fieldErrors, clearError };
}
