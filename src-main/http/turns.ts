/**
 * Dialer requests take turns on the serving thread: one request's core work a turn of the event loop.
 *
 * Why: requests that arrive together are parsed in one poll of the loop and, left alone, run back to
 * back, so four dialers reporting at once held the thread for the sum of their transactions, and the
 * timers, the console's calls and its live events waited behind all of them. Each request's work now
 * starts from a setImmediate queued once the one before it has finished; an immediate queued while
 * immediates run waits for the next turn, so timers and other I/O get the thread between two requests.
 * Nothing runs concurrently either way (the work is synchronous), so the order and atomicity of the
 * writes are unchanged; a request waits a loop turn it would have waited anyway.
 */
export type TakeTurn = <T>(work: () => T | Promise<T>) => Promise<T>;

export function takingTurns(): TakeTurn {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(work: () => T | Promise<T>): Promise<T> => {
    const mine = tail.then(() => new Promise<void>((resolve) => setImmediate(resolve))).then(work);
    tail = mine.catch(() => undefined);
    return mine;
  };
}
