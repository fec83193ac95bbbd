import { z } from 'zod';
import { ERROR_CODES } from '../errors';

/**
 * The one error shape of the HTTP port (DESIGN.md §4): `{ "error": { "code", "message" } }` — the
 * `error` half of the console's envelope, the same codes. Every route's 4xx/5xx answers use it, and
 * the OpenAPI document shows it once, as the `Error` component.
 */
export const ErrorEnvelope = z
  .object({ error: z.object({ code: z.enum(ERROR_CODES), message: z.string() }) })
  .meta({ id: 'Error', description: 'every 4xx/5xx answer of the port' });
