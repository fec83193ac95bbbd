import { EventEmitter } from 'node:events';
import type { EventMap, EventName } from '../../src-shared/events';

export type Listener = <E extends EventName>(event: E, payload: EventMap[E]) => void;

/** Typed fan-out of core events to the transports (Electron windows, SSE clients). */
export class EventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    this.emitter.emit('event', event, payload);
  }

  /** Every event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
