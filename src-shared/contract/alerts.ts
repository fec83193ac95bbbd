import { z } from 'zod';
import { channel } from './define';
import { Id } from './common';

/**
 * What changed since a supervisor last looked (DESIGN.md §5): one alert per company and kind (per
 * dialer for a silent one), worked out by the core when asked. The console shows them, the desktop
 * app turns new ones into notifications. More kinds join here and in core/alerts.
 */
export const ALERT_KINDS = ['pool_low', 'dialer_silent', 'wallet_low', 'callbacks_due'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export interface Alert {
  /** stable while the condition lasts ("wallet_low:3", "dialer_silent:3:rack-1"): a notification is shown once per id */
  id: string;
  kind: AlertKind;
  companyId: number;
  /** critical: dialing has stopped (an empty pool, an empty wallet); warning: it soon may */
  severity: 'warning' | 'critical';
  /** the figures the sentence needs, by kind (see core/alerts/alerts.ts) */
  params: Record<string, string | number | null>;
}

export const alertsChannels = {
  /** one company's alerts, or (no companyId) those of every company the user works for */
  'alerts.list': channel<Alert[]>()(z.object({ companyId: Id.optional() }).strict()),
};
