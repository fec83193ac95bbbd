import type { DialerDto } from '../../../src-shared/contract/dialer';
import type { Core } from '../core';
import { toIso } from '../time';
import { liveBlock, toBlock } from './state';

interface Seen {
  companyId: number;
  dialerId: string;
  address: string;
  lastSeenAt: number;
  batches: number;
  results: number;
  /** a 'dialer.seen' event is due once the throttle window ends */
  timer: NodeJS.Timeout | null;
  lastEmitAt: number;
}

/** at most two 'dialer.seen' events a second per dialer, however fast it calls */
const EMIT_EVERY_MS = 500;

/**
 * The dialers this process has heard from, kept in memory for the console's live list. Counts
 * restart with the process; live leases are read from the database when shown.
 */
export class DialerRegistry {
  private readonly seen = new Map<string, Seen>();
  private closed = false;

  constructor(private readonly core: Core) {
    core.onClose(() => this.close());
  }

  sawBatch(companyId: number, dialerId: string, address: string, leased: number): void {
    const s = this.entry(companyId, dialerId, address);
    if (leased > 0) s.batches++;
    this.schedule(s);
  }

  sawResults(companyId: number, dialerId: string, address: string, count: number): void {
    const s = this.entry(companyId, dialerId, address);
    s.results += count;
    this.schedule(s);
  }

  sawRelease(companyId: number, dialerId: string, address: string): void {
    this.schedule(this.entry(companyId, dialerId, address));
  }

  /** In the order of their ids, so a list that updates live keeps its rows in place. */
  async list(companyId: number): Promise<DialerDto[]> {
    const blocked = toBlock(await liveBlock(this.core, companyId, this.core.clock()));
    const out: DialerDto[] = [];
    for (const s of this.ofCompany(companyId)) out.push(await this.dto(s, blocked));
    return out;
  }

  private ofCompany(companyId: number): Seen[] {
    return [...this.seen.values()]
      .filter((s) => s.companyId === companyId)
      .sort((a, b) => (a.dialerId < b.dialerId ? -1 : a.dialerId > b.dialerId ? 1 : 0));
  }

  private entry(companyId: number, dialerId: string, address: string): Seen {
    const key = `${companyId}\u0000${dialerId}`;
    let s = this.seen.get(key);
    if (!s) {
      s = { companyId, dialerId, address, lastSeenAt: 0, batches: 0, results: 0, timer: null, lastEmitAt: 0 };
      this.seen.set(key, s);
    }
    s.address = address;
    s.lastSeenAt = this.core.clock();
    return s;
  }

  private schedule(s: Seen): void {
    if (this.closed || s.timer) return;
    const wait = Math.max(0, s.lastEmitAt + EMIT_EVERY_MS - Date.now());
    s.timer = setTimeout(() => {
      s.timer = null;
      s.lastEmitAt = Date.now();
      if (this.closed) return;
      this.dto(s).then(
        (dto) => this.closed || this.core.events.emit('dialer.seen', dto),
        // the database closed under a late timer: nobody is listening any more
        () => undefined,
      );
    }, wait);
    s.timer.unref();
  }

  /** `blocked`: the company's live blocked reason, when the caller has it already (one per list). */
  private async dto(s: Seen, known?: DialerDto['blocked']): Promise<DialerDto> {
    const blocked = known !== undefined ? known : toBlock(await liveBlock(this.core, s.companyId, this.core.clock()));
    const live = (await this.core.db.value<number>(LIVE_LEASES, [s.companyId, s.dialerId, this.core.clock()])) ?? 0;
    return this.toDto(s, blocked, live);
  }

  private toDto(s: Seen, blocked: DialerDto['blocked'], live: number): DialerDto {
    return {
      companyId: s.companyId,
      dialerId: s.dialerId,
      address: s.address,
      lastSeenAt: toIso(s.lastSeenAt),
      batches: s.batches,
      results: s.results,
      liveLeases: live,
      blocked,
    };
  }

  private close(): void {
    this.closed = true;
    for (const s of this.seen.values()) if (s.timer) clearTimeout(s.timer);
  }
}

const LIVE_LEASES = 'select count(*) from leases where company_id = ? and dialer_id = ? and expires_at > ?';

const registries = new WeakMap<Core, DialerRegistry>();

export function dialerRegistry(core: Core): DialerRegistry {
  let r = registries.get(core);
  if (!r) registries.set(core, (r = new DialerRegistry(core)));
  return r;
}
