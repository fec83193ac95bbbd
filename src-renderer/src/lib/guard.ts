import { useEffect, useId } from 'react';
import { create } from 'zustand';

/**
 * Unsaved changes are never lost in silence: a form with changes registers itself here while they
 * last, and leaving it (another page by link, shortcut or the Back button, another company, closing
 * the window) asks first. The router and the company switcher go through `leaveThen`.
 */
interface GuardState {
  dirty: Set<string>;
  /** what to do if the person agrees to leave */
  pending: (() => void) | null;
  mark(id: string, dirty: boolean): void;
  /** runs `action` now, or once the person agrees to leave their changes */
  leaveThen(action: () => void): void;
  confirm(): void;
  cancel(): void;
}

export const useGuard = create<GuardState>()((set, get) => ({
  dirty: new Set(),
  pending: null,
  mark(id, dirty) {
    const next = new Set(get().dirty);
    if (dirty) next.add(id);
    else next.delete(id);
    set({ dirty: next });
  },
  leaveThen(action) {
    if (get().dirty.size === 0) return action();
    set({ pending: action });
  },
  confirm() {
    const action = get().pending;
    // the forms being left go away with their page; until then nothing is dirty
    set({ pending: null, dirty: new Set() });
    action?.();
  },
  cancel() {
    set({ pending: null });
  },
}));

export const hasUnsavedChanges = (): boolean => useGuard.getState().dirty.size > 0;

/** Registers the form's unsaved changes while `dirty` is true (and forgets them when it unmounts). */
export function useUnsavedGuard(dirty: boolean): void {
  const id = useId();
  useEffect(() => {
    useGuard.getState().mark(id, dirty);
    return () => useGuard.getState().mark(id, false);
  }, [id, dirty]);
}

// closing the window or reloading: the browser's own question (the only one it allows there)
window.addEventListener('beforeunload', (e) => {
  if (hasUnsavedChanges()) {
    e.preventDefault();
    e.returnValue = '';
  }
});
