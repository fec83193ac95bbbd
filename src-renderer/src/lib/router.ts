import { useSyncExternalStore } from 'react';

/**
 * Hash routes ("#/calls?status=BUSY") so a reload keeps the page and its filters, with no server
 * routes needed in either shell.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function read(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

function subscribe(fn: () => void): () => void {
  window.addEventListener('hashchange', fn);
  return () => window.removeEventListener('hashchange', fn);
}

export function parseRoute(hash: string): Route {
  const [path, search = ''] = hash.split('?');
  return { path: path || '/', query: new URLSearchParams(search) };
}

export function useRoute(): Route {
  const hash = useSyncExternalStore(subscribe, read);
  return parseRoute(hash);
}

type QueryInit = Record<string, string | number | null | undefined>;

export function href(path: string, query?: QueryInit): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== null && v !== undefined && v !== '') params.set(k, String(v));
  }
  const search = params.toString();
  return `#${path}${search ? `?${search}` : ''}`;
}

export function navigate(path: string, query?: QueryInit, options: { replace?: boolean } = {}): void {
  const next = href(path, query);
  if (next === window.location.hash) return;
  if (options.replace) {
    window.history.replaceState(null, '', next);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = next;
  }
}
