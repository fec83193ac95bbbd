import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import {
  NextBatchAnswer,
  NextBatchQuery,
  RegisterScenariosAnswer,
  RegisterScenariosBody,
  ReleaseAnswer,
  ReleaseBody,
  ReportResultBody,
  ReportResultsAnswer,
  ReportResultsBody,
  ResultAnswer,
} from '../../src-shared/contract/dialer';
import type { Core } from '../core/core';
import { nextBatch } from '../core/dialer/leasing';
import { leasingReady, warmPoolCaches } from '../core/dialer/pool-cache';
import { releaseBatch } from '../core/dialer/release';
import { registerScenarios } from '../core/setup/scenarios';
import { recordResult, recordResults } from '../core/results/record';
import { companyForKey, requireApiKey } from './auth';
import { errorResponses } from './error-responses';
import { dialerAnswerSerializer } from './dialer-serializer';
import { toNextBatchAnswer, toOutcomeDto, toReport } from './dialer-map';
import { takingTurns } from './turns';

/** 1000 results with transcripts do not fit the port's default 1 MiB */
export const REPORT_RESULTS_BODY_LIMIT = 8 * 1024 * 1024;

const json = <T>(description: string, schema: T) => ({ description, content: { 'application/json': { schema } } });
// every dialer route writes: next-batch leases, the others record, register or release
const dialerErrors = (body: boolean) =>
  errorResponses({
    forbidden: 'the key lacks the dialer scope, or belongs to another company',
    notFound: 'no such company, or a number the pool does not know',
    body,
    writes: true,
  });
const errors = dialerErrors(false);
const bodyErrors = dialerErrors(true);
const common = { tags: ['dialer'], security: [{ bearerAuth: [] }] };

/** /api/v1/dialer/*: DESIGN.md §4, for the on-site auto-dialers. */
export function dialerRoutes(core: Core) {
  return async (root: FastifyInstance) => {
    // the leasing caches fill in the background, so no dialer's first request builds them
    root.addHook('onReady', async () => {
      void warmPoolCaches(core.db).catch(() => undefined);
    });
    const turn = takingTurns();
    await root.register(async (scope) => {
      scope.addHook('onRequest', requireApiKey(core, 'dialer'));
      const app = scope.withTypeProvider<ZodTypeProvider>();

      app.get(
        '/api/v1/dialer/next-batch',
        {
          serializerCompiler: dialerAnswerSerializer,
          schema: {
            ...common,
            summary: 'Lease up to `size` numbers the dialing rules allow now',
            description: 'When the company may not dial now, `blocked` says why, `numbers` is empty, and the status is still 200.',
            querystring: NextBatchQuery,
            response: { 200: json('a batch, or why there is none (blocked)', NextBatchAnswer), ...errors },
          },
        },
        async (request) => {
          const company = await companyForKey(core, request.apiKey, request.query.company);
          const ready = leasingReady(core.db, company.id);
          if (ready) await ready; // just after start: this company's caches are filled first, the port stays free
          const batch = await turn(() =>
            nextBatch(core, {
              companyId: company.id,
              size: request.query.size,
              dialerId: request.query.dialer,
              address: request.ip,
            }),
          );
          return toNextBatchAnswer(batch);
        },
      );

      app.post(
        '/api/v1/dialer/report-result',
        {
          serializerCompiler: dialerAnswerSerializer,
          schema: {
            ...common,
            summary: "Record one call's result",
            description:
              '201 the first time; the same call_id with the same body again answers 200 with the first answer; with another body, 409.',
            body: ReportResultBody,
            response: {
              201: json('recorded', ResultAnswer),
              200: json('already recorded with this very report: the first answer again', ResultAnswer),
              ...bodyErrors,
            },
          },
        },
        async (request, reply) => {
          const { company: slug, ...item } = request.body;
          const company = await companyForKey(core, request.apiKey, slug);
          const answer = await turn(() => recordResult(core, company.id, toReport(item), { address: request.ip }));
          reply.code(answer.replayed ? 200 : 201);
          return { result_id: answer.resultId, charged: answer.charged, wallet_balance: answer.walletBalance };
        },
      );

      app.post(
        '/api/v1/dialer/report-results',
        {
          serializerCompiler: dialerAnswerSerializer,
          bodyLimit: REPORT_RESULTS_BODY_LIMIT,
          schema: {
            ...common,
            summary: 'Record up to 1000 results in one transaction, each with its own outcome',
            description:
              'A body that does not match the schema (any item included) is refused whole with 400 and nothing is written. ' +
              'Otherwise each item is answered as report-result would answer it alone: an item the rules refuse ' +
              '(unknown phone 404, a number another company holds 409, a conflicting replay 409) leaves no trace and does not stop the others. ' +
              'A 503 (a full disk, a busy database) stored none of the batch: send the same batch again after Retry-After.',
            body: ReportResultsBody,
            response: { 200: json('one outcome per item, in order', ReportResultsAnswer), ...bodyErrors },
          },
        },
        async (request) => {
          const company = await companyForKey(core, request.apiKey, request.body.company);
          const items = request.body.results;
          const { outcomes, walletBalance } = await turn(() =>
            recordResults(core, company.id, items.map(toReport), { address: request.ip }),
          );
          const results = outcomes.map((o, i) => toOutcomeDto(o, i, items[i].call_id));
          return {
            created: results.filter((r) => r.outcome === 'created').length,
            replayed: results.filter((r) => r.outcome === 'replayed').length,
            rejected: results.filter((r) => r.outcome === 'rejected').length,
            wallet_balance: walletBalance,
            results,
          };
        },
      );

      app.post(
        '/api/v1/dialer/register-scenarios',
        {
          schema: {
            ...common,
            summary: 'Announce the scenarios this dialer runs (new keys start inactive)',
            body: RegisterScenariosBody,
            response: { 200: json('every scenario as it now stands', RegisterScenariosAnswer), ...bodyErrors },
          },
        },
        async (request) => {
          const company = await companyForKey(core, request.apiKey, request.body.company);
          const actor = { userId: null, name: `api-key:${request.apiKey!.prefix}` };
          return { scenarios: await turn(() => registerScenarios(core, actor, company.id, request.body.scenarios)) };
        },
      );

      app.post(
        '/api/v1/dialer/release',
        {
          schema: {
            ...common,
            summary: "Give a batch's unused numbers back to the pool",
            body: ReleaseBody,
            response: { 200: json('how many leases ended', ReleaseAnswer), ...bodyErrors },
          },
        },
        async (request) => {
          const company = await companyForKey(core, request.apiKey, request.body.company);
          return turn(() =>
            releaseBatch(core, {
              companyId: company.id,
              batchId: request.body.batch_id,
              numberIds: request.body.number_ids,
              address: request.ip,
            }),
          );
        },
      );
    });
  };
}
