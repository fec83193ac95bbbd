import type { ScheduleException, ScheduleWindow } from '../../../../src-shared/contract/schedule';
import type { BillingMode } from '../../../../src-shared/contract';
import type { WizardCreateCompany } from '../../../../src-shared/contract/wizard';
import { parseMoney } from '../../lib/format';
import { i18next } from '../../i18n';
import { isCurrency, localTimeZone } from '../../lib/zones';
import { DAYS, windowProblem } from '../schedule/windows';

/** Everything the wizard gathers, as typed (money as text) until the last step turns it into input. */
export interface WizardDraft {
  name: string;
  slug: string;
  timezone: string;
  currency: string;
  open24x7: boolean;
  windows: ScheduleWindow[];
  exceptions: ScheduleException[];
  billingMode: BillingMode;
  price: string;
  threshold: string;
  openingBalance: string;
  lines: { phone: string; name: string; region: string }[];
  scenarios: { key: string; name: string; description: string }[];
  makeKey: boolean;
  keyName: string;
  keyScopes: ('dialer' | 'inbound')[];
}

/** the steps in order; their names are wizard.steps.<step> */
export const STEPS = ['company', 'region', 'hours', 'billing', 'setup', 'key', 'review'] as const;

export function initialDraft(): WizardDraft {
  return {
    name: '',
    slug: '',
    timezone: localTimeZone(),
    currency: 'USD',
    open24x7: false,
    windows: DAYS.slice(0, 5).map((d) => ({ day: d.key, start: '09:00', end: '18:00' })),
    exceptions: [],
    billingMode: 'per_call',
    price: '',
    threshold: '',
    openingBalance: '',
    lines: [{ phone: '', name: '', region: '' }],
    scenarios: [{ key: '', name: '', description: '' }],
    makeKey: true,
    keyName: 'dialers',
    keyScopes: ['dialer'],
  };
}

const SLUG = /^[a-z](?:[a-z0-9]|-(?=[a-z0-9])){1,39}$/;
const KEY = /^[a-z0-9][a-z0-9_-]{0,63}$/;
const money = (text: string, cur: string) => (text.trim() === '' ? 0 : parseMoney(text, cur));

/** What keeps a step from being finished, in a sentence, or null. The server checks it all again. */
export function stepProblem(step: number, d: WizardDraft): string | null {
  switch (step) {
    case 0:
      if (!d.name.trim()) return i18next.t('wizard.problems.name');
      if (!SLUG.test(d.slug)) return i18next.t('wizard.problems.slug');
      return null;
    case 1:
      return isCurrency(d.currency) ? null : i18next.t('wizard.problems.currency');
    case 2:
      if (!d.open24x7 && d.windows.length === 0) return i18next.t('wizard.problems.hours');
      return d.open24x7 ? null : windowProblem(d.windows);
    case 3:
      for (const [which, text] of [
        ['price', d.price],
        ['threshold', d.threshold],
        ['opening', d.openingBalance],
      ] as const) {
        const v = money(text, d.currency);
        if (v === null || v < 0) return i18next.t(`wizard.problems.${which}`, { text, currency: d.currency });
      }
      return null;
    case 4: {
      const lines = d.lines.filter((l) => l.phone.trim() || l.name.trim());
      if (lines.some((l) => !l.phone.trim() || !l.name.trim())) return i18next.t('wizard.problems.line');
      const scenarios = d.scenarios.filter((s) => s.key.trim() || s.name.trim());
      if (scenarios.some((s) => !KEY.test(s.key) || !s.name.trim())) return i18next.t('wizard.problems.scenario');
      if (new Set(scenarios.map((s) => s.key)).size !== scenarios.length) return i18next.t('wizard.problems.sameKey');
      return null;
    }
    case 5:
      if (d.makeKey && (!d.keyName.trim() || d.keyScopes.length === 0)) return i18next.t('wizard.problems.key');
      return null;
    default:
      return null;
  }
}

export function toInput(d: WizardDraft): WizardCreateCompany {
  const dayIndex = (day: string) => DAYS.findIndex((x) => x.key === day);
  const price = money(d.price, d.currency) ?? 0;
  return {
    company: { slug: d.slug, name: d.name.trim(), timezone: d.timezone, currency: d.currency },
    schedule: {
      open24x7: d.open24x7,
      windows: d.open24x7 ? [] : d.windows.map((w) => ({ weekday: dayIndex(w.day), start: w.start, end: w.end })),
      exceptions: d.exceptions.map((x) => ({
        date: x.date,
        closed: x.closed,
        ...(x.closed ? {} : { start: x.start, end: x.end }),
        note: x.note ?? '',
      })),
    },
    billing: {
      billingMode: d.billingMode,
      costPerBillable: d.billingMode === 'per_call' ? price : 0,
      costPerMinute: d.billingMode === 'per_minute' ? price : 0,
      lowBalanceThreshold: money(d.threshold, d.currency) ?? 0,
      openingBalance: money(d.openingBalance, d.currency) ?? 0,
    },
    outboundLines: d.lines
      .filter((l) => l.phone.trim())
      .map((l) => ({ phone: l.phone.trim(), name: l.name.trim(), ...(l.region.trim() && { region: l.region.trim().toUpperCase() }) })),
    scenarios: d.scenarios
      .filter((s) => s.key.trim())
      .map((s) => ({ key: s.key, name: s.name.trim(), description: s.description.trim(), isActive: true })),
    apiKey: d.makeKey ? { name: d.keyName.trim(), scopes: d.keyScopes } : null,
  };
}
