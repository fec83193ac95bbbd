import type { FastifySchema } from 'fastify';
import type { FastifyRouteSchemaDef } from 'fastify/types/schema';
import type { ZodType } from 'zod';
import { serializerCompiler } from 'fastify-type-provider-zod';

/**
 * The answers a dialer fetches hundreds of times a minute (next-batch, report-result(s)) are built
 * field by field by dialer-map.ts from typed core values, so checking them against their zod schema
 * again on the way out only re-proves what the compiler did: for 500 numbers it took about a fifth of
 * the request (measured, test/bench phases). Those routes write JSON.stringify of the answer directly.
 *
 * Where they are checked instead: with DIALDESK_CHECK_ANSWERS=1 (the test suite sets it) these routes
 * check against the schema like every other route, so a mapper that drifts from the contract fails
 * the tests that call them.
 */
export const checksAnswers = (): boolean => process.env.DIALDESK_CHECK_ANSWERS === '1';

export function dialerAnswerSerializer<S extends FastifySchema>(route: FastifyRouteSchemaDef<S>): (data: unknown) => string {
  // fastify hands the compiler each response's own schema (a zod type here), typed as the route's whole schema
  return checksAnswers() ? serializerCompiler(route as unknown as FastifyRouteSchemaDef<ZodType>) : (data) => JSON.stringify(data);
}
