import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../src-shared/events';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/**
 * Typed fan-out of core events to the transports (Electron windows, SSE clients). On a PostgreSQL
 * shared by several desks, what this desk emits is also relayed to the others, and what they emit
 * arrives here through `deliver` (shared-events.ts).
 */
export class EventBus {
  private readonly emitter = new EventEmitter();
  private relay: Listener | null = null;

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit('event', event, payload);
    this.relay?.(event, payload);
  }

  /** An event another desk emitted: to this desk's listeners only, never relayed back. */
  deliver<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit('event', event, payload);
  }

  /** Where this desk's own events go besides its listeners (one relay; null stops it). */
  relayTo(relay: Listener | null): void {
    this.relay = relay;
  }

  /** Every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
