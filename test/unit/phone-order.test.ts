import { describe, expect, it } from 'vitest';
import { writeInPhoneOrder } from '../../src-main/core/numbers/phone-order';

const phone = (i: number) => `+98912${String((i * 7_919 + 13) % 10_000_000).padStart(7, '0')}`;

describe('writeInPhoneOrder', () => {
  it('writes every phone once, in phone order, at most 2,000 a call', async () => {
    const phones = Array.from({ length: 25_000 }, (_, i) => phone(i % 20_000)); // 5,000 repeated
    const calls: string[][] = [];
    const progress: number[] = [];
    await writeInPhoneOrder(phones, (part) => calls.push([...part]), (n) => progress.push(n));
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(2000);
    expect(calls.flat()).toEqual([...phones].sort());
    expect(progress[progress.length - 1]).toBe(phones.length);
  });

  it('keeps the file order of a list that fits one write', async () => {
    const phones = ['+989351234567', '+989121234567', '+989127654321'];
    const calls: string[][] = [];
    await writeInPhoneOrder(phones, (part) => calls.push([...part]), () => undefined);
    expect(calls).toEqual([phones]);
  });

  it('copes with one phone repeated throughout', async () => {
    const phones = [...Array.from({ length: 30_000 }, () => '+989121234567'), '+989000000000'];
    const calls: string[][] = [];
    await writeInPhoneOrder(phones, (part) => calls.push([...part]), () => undefined);
    expect(calls.flat().sort()).toEqual([...phones].sort());
  });
});
