import type { Alert } from '../../../src-shared/contract/alerts';
import type { Core } from '../core';
import { alertsFor } from './alerts';

/** How often the desktop app looks for new alerts. */
export const WATCH_EVERY_MS = 60_000;

/**
 * Looks at every active company's alerts every `everyMs` and hands each alert that was not there the
 * last time to `raised` (the desktop app shows it as a notification): an alert is told once while it
 * lasts, and again only after it cleared and came back. Stops when the core closes.
 */
export function watchAlerts(core: Core, raised: (alert: Alert) => void, everyMs = WATCH_EVERY_MS): { stop(): void; tick(): Promise<void> } {
  let known = new Set<string>();
  let running = false;
  let stopped = false;
  const tick = async () => {
    if (running || stopped) return;
    running = true;
    try {
      const ids = await core.db.column<number>('select id from companies where is_active = 1 order by name');
      const now = await alertsFor(core, ids);
      if (stopped) return;
      for (const alert of now) if (!known.has(alert.id)) raised(alert);
      known = new Set(now.map((a) => a.id));
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void tick().catch(() => undefined), everyMs);
  timer.unref();
  const stop = () => {
    stopped = true;
    clearInterval(timer);
  };
  core.onClose(stop);
  return { stop, tick };
}
