import { writeFileSync } from 'node:fs';
import type { Breakdown } from './profile';

/** One line of the bench's answer: a figure beside the baseline measured in the same run. */
export interface BenchRow {
  id: string;
  figure: string;
  value: number;
  unit: string;
  baseline: string;
  baselineValue: number | null;
  /** value / baseline, so a noisy machine moves both together */
  ratio: number | null;
  target: string;
  /** true / false, or null where there is no target (context figures) */
  met: boolean | null;
  note?: string;
}

export class BenchTable {
  readonly rows: BenchRow[] = [];
  /** CPU profiles of the measured paths, by kind of work (harness/profile.ts) */
  readonly breakdowns: Breakdown[] = [];

  addBreakdown(b: Breakdown): void {
    this.breakdowns.push(b);
    console.log(
      `  ${b.title}: ${b.parts
        .slice(0, 4)
        .map((p) => `${p.label} ${(p.share * 100).toFixed(0)}%`)
        .join(', ')}`,
    );
  }

  add(row: Omit<BenchRow, 'ratio'> & { ratio?: number | null }): BenchRow {
    const ratio = row.ratio !== undefined ? row.ratio : row.baselineValue ? row.value / row.baselineValue : null;
    const full = { ...row, ratio };
    this.rows.push(full);
    console.log(
      `  ${full.figure}: ${fmt(full.value)} ${full.unit}${full.met === null ? '' : full.met ? '  (target met)' : '  (TARGET MISSED)'}`,
    );
    return full;
  }

  /** the table as Markdown, the same one printed and committed in RESULTS.md */
  markdown(): string {
    const head = '| figure | value | baseline (same run) | ratio | target | met? |\n| --- | ---: | --- | ---: | --- | :---: |';
    const lines = this.rows.map((r) => {
      const base = r.baselineValue === null ? r.baseline : `${r.baseline}: ${fmt(r.baselineValue)}`;
      const ratio = r.ratio === null ? '' : `${r.ratio >= 10 ? r.ratio.toFixed(0) : r.ratio.toFixed(2)}×`;
      const met = r.met === null ? '' : r.met ? 'yes' : '**no**';
      return `| ${r.figure} | ${fmt(r.value)} ${r.unit} | ${base} | ${ratio} | ${r.target} | ${met} |`;
    });
    const profiles = this.breakdowns.map(
      (b) =>
        `\n**${b.title}** (${fmt(b.busyMs)} ms busy on the serving thread)\n\n| kind of work | ms | share |\n| --- | ---: | ---: |\n` +
        b.parts.map((p) => `| ${p.label} | ${fmt(p.ms)} | ${(p.share * 100).toFixed(1)}% |`).join('\n'),
    );
    return [head, ...lines, ...profiles].join('\n');
  }

  write(file: string, meta: Record<string, unknown>): void {
    writeFileSync(file, `${JSON.stringify({ ...meta, rows: this.rows, breakdowns: this.breakdowns }, null, 2)}\n`);
  }
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const abs = Math.abs(n);
  if (abs >= 1000) return Math.round(n).toLocaleString('en-US');
  if (abs >= 100) return n.toFixed(0);
  if (abs >= 10) return n.toFixed(1);
  return n.toFixed(2);
}
