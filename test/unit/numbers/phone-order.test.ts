import { describe, expect, it } from 'vitest';
import { PhoneList, writeInPhoneOrder } from '../../../src-main/core/numbers/phone-order';

const listOf = (phones: string[]) => {
  const list = new PhoneList();
  for (const p of phones) list.push(p);
  return list;
};

const phone = (i: number) => `+98912${String((i * 7_919 + 13) % 10_000_000).padStart(7, '0')}`;

describe('writeInPhoneOrder', () => {
  it('writes every phone once, in phone order, at most 2,000 a call', async () => {
    const phones = Array.from({ length: 25_000 }, (_, i) => phone(i % 20_000)); // 5,000 repeated
    const calls: string[][] = [];
    const progress: number[] = [];
    await writeInPhoneOrder(
      listOf(phones),
      (part) => void calls.push([...part]),
      (n) => progress.push(n),
    );
    expect(Math.max(...calls.map((c) => c.length))).toBeLessThanOrEqual(2000);
    expect(calls.flat()).toEqual([...phones].sort());
    expect(progress[progress.length - 1]).toBe(phones.length);
  });

  it('keeps the file order of a list that fits one write', async () => {
    const phones = ['+989351234567', '+989121234567', '+989127654321'];
    const calls: string[][] = [];
    await writeInPhoneOrder(
      listOf(phones),
      (part) => void calls.push([...part]),
      () => undefined,
    );
    expect(calls).toEqual([phones]);
  });

  it('writes phones that are not plain E.164 digits too, after the rest', async () => {
    const phones = [...Array.from({ length: 3000 }, (_, i) => phone(i)), '+98 912 x', '+0123'];
    const calls: string[][] = [];
    await writeInPhoneOrder(
      listOf(phones),
      (part) => void calls.push([...part]),
      () => undefined,
    );
    expect(calls.flat().slice(-2)).toEqual(['+0123', '+98 912 x']);
    expect(calls.flat().sort()).toEqual([...phones].sort());
  });

  it('copes with one phone repeated throughout', async () => {
    const phones = [...Array.from({ length: 30_000 }, () => '+989121234567'), '+989000000000'];
    const calls: string[][] = [];
    await writeInPhoneOrder(
      listOf(phones),
      (part) => void calls.push([...part]),
      () => undefined,
    );
    expect(calls.flat().sort()).toEqual([...phones].sort());
  });
});
