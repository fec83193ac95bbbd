import { describe, expect, it } from 'vitest';
import { takingTurns } from '../../../src-main/http/turns';

describe('dialer requests taking turns', () => {
  it('run one at a time, in arrival order, with a turn of the event loop between two', async () => {
    const turn = takingTurns();
    const log: string[] = [];
    // a timer due now stands for everything else the thread serves (the console, live events)
    const job = (name: string) => () => {
      log.push(name);
      if (name === 'a') setTimeout(() => log.push('timer'), 0);
      const until = performance.now() + 5;
      while (performance.now() < until); // the synchronous work of a transaction
      return name;
    };
    const answers = await Promise.all([turn(job('a')), turn(job('b')), turn(job('c'))]);
    expect(answers).toEqual(['a', 'b', 'c']);
    // run back to back, the timer would wait for all three; taking turns, it runs before the last
    expect(log.indexOf('timer')).toBeGreaterThan(0);
    expect(log.indexOf('timer')).toBeLessThan(log.indexOf('c'));
  });

  it('a job that fails answers its own error and the next still runs', async () => {
    const turn = takingTurns();
    const failed = turn(() => {
      throw new Error('refused');
    });
    const next = turn(() => 'ran');
    await expect(failed).rejects.toThrow('refused');
    await expect(next).resolves.toBe('ran');
  });
});
