import type { ChannelName, Input, Output } from '../../../src-shared/contract';
import type { DialdeskBridge, EventMap, EventName } from '../../../src-shared/events';
import type { Envelope, ErrorCode, FieldIssue } from '../../../src-shared/errors';
import { endsSession } from '../../../src-shared/bridge';

declare global {
  interface Window {
    dialdesk?: DialdeskBridge;
  }
}

/** A refusal from the main process, with its code kept as data so screens can react to it. */
export class ApiError extends Error {
  constructor(
    readonly code: ErrorCode | 'NO_BRIDGE',
    message: string,
    /** the refusal field by field, when the server named fields */
    readonly fields: FieldIssue[] = [],
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

function bridge(): DialdeskBridge {
  if (!window.dialdesk)
    throw new ApiError('NO_BRIDGE', 'DialDesk could not reach its data: open the console from the DialDesk app or `dialdesk serve`.');
  return window.dialdesk;
}

/**
 * The renderer's one way to the main process. Every call is typed from the contract, the envelope is
 * unwrapped, and a refusal becomes an ApiError. A lost session sends the window back to sign-in.
 */
export const api = {
  async call<C extends ChannelName>(channel: C, input: Input<C>): Promise<Output<C>> {
    const envelope = (await bridge().invoke(channel, input)) as Envelope<Output<C>>;
    if (envelope.ok) return envelope.value;
    if (endsSession(channel, envelope)) unauthenticatedListeners.forEach((fn) => fn());
    throw new ApiError(envelope.error.code, envelope.error.message, envelope.error.fields ?? []);
  },

  on<E extends EventName>(event: E, fn: (payload: EventMap[E]) => void): () => void {
    const b = window.dialdesk;
    if (!b) return () => {};
    return b.on(event, fn as (payload: unknown) => void);
  },

  /** Called when any call finds the session gone (expired, signed out elsewhere, user deactivated). */
  onUnauthenticated(fn: Listener): () => void {
    unauthenticatedListeners.add(fn);
    return () => unauthenticatedListeners.delete(fn);
  },
};

export function capitalize(s: string): string {
  return s.length ? s[0].toUpperCase() + s.slice(1) : s;
}
