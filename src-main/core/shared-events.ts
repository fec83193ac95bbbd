import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { EventMap, EventName } from '../../src-shared/events';
import type { EventBus } from './events';
import type { Logger } from './log/log';

/**
 * Live events for every desk on one PostgreSQL (DESIGN.md §10): a result reported through one desk's
 * port moves the dashboards of all of them. This desk's events go out with NOTIFY; the others' arrive
 * through LISTEN on a connection of its own and are delivered to this desk's listeners.
 *
 * Events of one turn of the event loop travel together (a batch of 500 results is a few notifications,
 * not 500), each notification under PostgreSQL's 8,000-byte limit. Live events are a view, not the record:
 * one lost while a desk is cut off from the server is not replayed; the pages read the database afresh.
 */
export const EVENTS_CHANNEL = 'dialdesk_events';
/** what PostgreSQL accepts in one NOTIFY payload is under 8,000 bytes */
const MAX_PAYLOAD = 7_800;
/** the events that describe the shared data; an upload's progress belongs to the page that sends it */
const SHARED = new Set<EventName>(['company.changed', 'result.reported', 'wallet.changed', 'dialer.seen', 'import.progress']);
const RECONNECT_MS = [500, 1_000, 2_000, 5_000, 10_000];

interface Message {
  /** the desk that sent it */
  o: string;
  e: [EventName, unknown][];
}

export interface SharedEvents {
  /** this desk's id on the channel */
  origin: string;
  stop(): Promise<void>;
}

export async function shareEvents(bus: EventBus, pool: pg.Pool, url: string, logger: Logger): Promise<SharedEvents> {
  const origin = randomUUID();
  let stopped = false;
  let listener: pg.Client | null = null;
  let attempt = 0;

  const receive = (msg: pg.Notification) => {
    if (msg.channel !== EVENTS_CHANNEL || !msg.payload) return;
    let parsed: Message;
    try {
      parsed = JSON.parse(msg.payload) as Message;
    } catch {
      return; // not ours
    }
    if (parsed.o === origin || !Array.isArray(parsed.e)) return;
    for (const [event, payload] of parsed.e) {
      if (SHARED.has(event)) bus.deliver(event, payload as EventMap[typeof event]);
    }
  };

  const listen = async (): Promise<void> => {
    const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5_000 });
    client.on('notification', receive);
    client.on('error', (err) => {
      logger.warn({ err }, 'the live events connection to PostgreSQL failed; reconnecting');
      void client.end().catch(() => undefined);
      if (listener === client) listener = null;
      reconnect();
    });
    await client.connect();
    await client.query(`listen ${EVENTS_CHANNEL}`);
    if (stopped) {
      await client.end();
      return;
    }
    listener = client;
    attempt = 0;
  };

  const reconnect = () => {
    if (stopped) return;
    const delay = RECONNECT_MS[Math.min(attempt++, RECONNECT_MS.length - 1)]!;
    setTimeout(() => {
      if (stopped || listener) return;
      listen().catch((err: unknown) => {
        logger.warn({ err }, 'live events: PostgreSQL did not answer; trying again');
        reconnect();
      });
    }, delay).unref();
  };

  await listen();

  let queue: [EventName, unknown][] = [];
  let flushing: Promise<void> | null = null;
  const flush = async () => {
    const events = queue;
    queue = [];
    for (const payload of pack(origin, events)) {
      try {
        await pool.query('select pg_notify($1, $2)', [EVENTS_CHANNEL, payload]);
      } catch (err) {
        logger.warn({ err }, 'live events could not be sent to the other desks');
      }
    }
  };
  const schedule = () => {
    flushing ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush).finally(() => {
      flushing = null;
      // events that came while this batch was on its way go in the next
      if (queue.length) schedule();
    });
  };
  bus.relayTo((event, payload) => {
    if (stopped || !SHARED.has(event)) return;
    queue.push([event, payload]);
    schedule();
  });

  return {
    origin,
    async stop() {
      stopped = true;
      bus.relayTo(null);
      await flushing;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
    },
  };
}

/** The events as notifications of at most MAX_PAYLOAD bytes each; one too big alone is left out. */
export function pack(origin: string, events: [EventName, unknown][]): string[] {
  const out: string[] = [];
  const head = `{"o":${JSON.stringify(origin)},"e":[`;
  let body: string[] = [];
  let size = head.length + 2;
  for (const event of events) {
    const text = JSON.stringify(event);
    if (head.length + 2 + Buffer.byteLength(text) > MAX_PAYLOAD) continue;
    if (size + Buffer.byteLength(text) + 1 > MAX_PAYLOAD) {
      out.push(`${head}${body.join(',')}]}`);
      body = [];
      size = head.length + 2;
    }
    body.push(text);
    size += Buffer.byteLength(text) + 1;
  }
  if (body.length) out.push(`${head}${body.join(',')}]}`);
  return out;
}
