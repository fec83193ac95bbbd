import { i18next } from '../i18n';
import type { FieldIssue } from '../../../src-shared/errors';
import { ApiError, capitalize } from './client';
import { formatInt } from '../lib/format';

/**
 * A refusal as the console shows it: one sentence for the form or card, and a sentence per field it
 * knows, in the console's language. Schema issues are worded anew from their kind and limit (never
 * zod's own "Too big: expected string to have <=120 characters"); a field's own rule has its sentence
 * in errors.fields; anything else keeps the server's sentence (English).
 */
export interface UiError {
  /** for the top of the form or card; null when every problem sits on a field */
  message: string | null;
  /** field path → sentence */
  fields: Record<string, string>;
  /** whether asking again may help (not for bad input, a refusal or something missing) */
  retryable: boolean;
}

const t = (key: string, options?: Record<string, unknown>): string => i18next.t(key as never, options as never) as unknown as string;
const has = (key: string): boolean => i18next.exists(key);

/** `fieldsShown`: the paths the form has a place for; refusals about other fields go to the top. */
export function toUiError(err: unknown, fieldsShown: readonly string[] = []): UiError {
  if (!(err instanceof ApiError)) {
    return { message: err instanceof Error && err.message ? capitalize(err.message) : t('errors.generic'), fields: {}, retryable: true };
  }
  const retryable = !['BAD_INPUT', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'UNKNOWN_CHANNEL'].includes(err.code);
  if (err.code === 'NO_BRIDGE') return { message: t('errors.noBridge'), fields: {}, retryable: false };
  const fields: Record<string, string> = {};
  const elsewhere: string[] = [];
  for (const issue of err.fields) {
    const text = issueText(issue);
    if (fieldsShown.includes(issue.path) && !fields[issue.path]) fields[issue.path] = text;
    else if (!fieldsShown.includes(issue.path)) elsewhere.push(topText(issue, text));
  }
  if (err.fields.length > 0) {
    return {
      message: elsewhere.length ? elsewhere.join(' ') : Object.keys(fields).length ? null : t('errors.checkFields'),
      fields,
      retryable,
    };
  }
  return { message: serverSentence(err), fields, retryable };
}

/** A whole refusal in one sentence (for places with no fields: a card, a toast). */
export function errorText(err: unknown): string {
  const ui = toUiError(err);
  return ui.message ?? Object.values(ui.fields).join(' ');
}

function serverSentence(err: ApiError): string {
  const known = `errors.known.${err.message}`;
  if (has(known)) return t(known);
  // in English the server's own words are the most precise; in another language its code says what kind of trouble
  if (i18next.language !== 'en' && has(`errors.codes.${err.code}`)) return t(`errors.codes.${err.code}`);
  if (err.code in CODE_FIRST) return t(`errors.codes.${err.code}`);
  return capitalize(err.message);
}

/** zod's own wording ("Too small: expected string to have >=1 characters"), as opposed to a rule's sentence */
const ZOD_DEFAULT = /^(Too (small|big)|Invalid)\b/;

/**
 * A refusal about a field the form has no place for stands alone at the top of the card, where "Fill
 * this in." would not say what: in English the rule's own sentence ("say why dialing is paused") is kept.
 */
function topText(issue: FieldIssue, worded: string): string {
  return i18next.language === 'en' && !ZOD_DEFAULT.test(issue.message) ? capitalize(issue.message) : worded;
}

/** codes whose sentence the console words itself in every language */
const CODE_FIRST: Record<string, true> = { STORAGE_FULL: true, DATABASE_BUSY: true, SHUTTING_DOWN: true, INTERNAL: true };

const FIELD_RULES: Record<string, string> = {
  slug: 'slug',
  currency: 'currency',
  timezone: 'timezone',
  region: 'country',
  defaultCountry: 'country',
  username: 'username',
  password: 'password',
  newPassword: 'password',
  key: 'key',
  extension: 'extension',
  phone: 'phone',
  supportNumber: 'phone',
  transferNumber: 'phone',
};

/**
 * Rules whose field names say nothing (a filter's "to", a statement's "month"), known by their
 * sentence: in another language they are worded from errors.fields, not left in English.
 */
const MESSAGE_RULES: [RegExp, string, ((m: RegExpExecArray) => Record<string, unknown>)?][] = [
  [/range is at most (\d+) days/, 'range', (m) => ({ days: m[1] })],
  [/must not be after/, 'dateOrder'],
  [/a month (is written|between)/, 'month'],
  [/phone filter holds/, 'phoneFilter'],
  [/is not an amount in ([A-Z]{3})/, 'money', (m) => ({ currency: m[1] })],
];

export function issueText(issue: FieldIssue): string {
  const field = issue.path.split('.').pop() ?? '';
  const { limit } = issue;
  if (issue.issue === 'too_big' && limit !== undefined) {
    if (issue.origin === 'string') return t('errors.tooLong', { count: limit, formatted: formatInt(limit) });
    if (issue.origin === 'array') return t('errors.tooMany', { formatted: formatInt(limit) });
    return t('errors.tooBig', { formatted: formatInt(limit) });
  }
  if (issue.issue === 'too_small' && limit !== undefined) {
    if (issue.origin === 'string')
      return limit <= 1 ? t('errors.required') : t('errors.tooShort', { count: limit, formatted: formatInt(limit) });
    if (issue.origin === 'array') return t('errors.required');
    return t('errors.tooSmall', { formatted: formatInt(limit) });
  }
  if (issue.issue === 'invalid_type') return t('errors.required');
  const taken = /"([^"]+)" is already taken/.exec(issue.message);
  if (taken && field === 'slug') return t('errors.fields.slugTaken', { slug: taken[1] });
  if (/ is taken$/.test(issue.message) && field === 'username') return t('errors.fields.usernameTaken');
  if (/exists already/.test(issue.message) && field === 'name') return t('errors.fields.nameTaken');
  if (/default country/.test(issue.message)) return t('errors.fields.phoneNational');
  if (i18next.language !== 'en') {
    for (const [pattern, key, params] of MESSAGE_RULES) {
      const m = pattern.exec(issue.message);
      if (m) return t(`errors.fields.${key}`, params?.(m));
    }
  }
  const rule = FIELD_RULES[field];
  if (rule && i18next.language !== 'en') return t(`errors.fields.${rule}`);
  return capitalize(issue.message);
}
