import { useSyncExternalStore } from 'react';
import { hasUnsavedChanges, useGuard } from './guard';

/**
 * Hash routes ("#/calls?status=BUSY") so a reload keeps the page and its filters, with no server
 * routes needed in either shell. Leaving a page with unsaved changes asks first (lib/guard.ts),
 * whichever way the hash changed.
 */
export interface Route {
  path: string;
  query: URLSearchParams;
}

function read(): string {
  return window.location.hash.replace(/^#/, '') || '/';
}

let current = window.location.hash;
let bypass = false;

// registered before React subscribes, so a refused change is undone before any page sees it
window.addEventListener('hashchange', (e) => {
  const target = window.location.hash;
  if (bypass || target === current || !hasUnsavedChanges()) {
    bypass = false;
    current = target;
    return;
  }
  e.stopImmediatePropagation();
  window.history.replaceState(null, '', current || '#/');
  useGuard.getState().leaveThen(() => go(target, false));
});

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

function go(next: string, replace: boolean): void {
  if (next === window.location.hash) return;
  bypass = true;
  current = next;
  if (replace) {
    window.history.replaceState(null, '', next);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  } else {
    window.location.hash = next;
  }
}

/**
 * Goes to a page. `replace` keeps the history entry (a filter change); changes within the same page
 * (its filters) never ask, a move to another page with unsaved changes does.
 */
export function navigate(path: string, query?: QueryInit, options: { replace?: boolean } = {}): void {
  const next = href(path, query);
  const samePage = parseRoute(read()).path === path;
  if (samePage) return go(next, options.replace ?? false);
  useGuard.getState().leaveThen(() => go(next, options.replace ?? false));
}
