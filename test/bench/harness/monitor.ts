import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';

/**
 * The serving thread's longest stall while something runs: perf_hooks samples the event loop's
 * delay every `resolution` ms, so a stall shows up as a delay of about its own length.
 */
export class LoopStall {
  private histogram: IntervalHistogram | null = null;

  start(resolutionMs = 5): void {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.histogram.enable();
  }

  /** longest and p99 delay in ms since start() */
  stop(): { maxMs: number; p99Ms: number; meanMs: number } {
    const h = this.histogram;
    if (!h) throw new Error('LoopStall.stop() before start()');
    h.disable();
    this.histogram = null;
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, meanMs: h.mean / 1e6 };
  }
}

/** Peak resident memory of this process, sampled (and the kernel's own high-water mark). */
export class RssSampler {
  private peak = 0;
  private timer: NodeJS.Timeout | null = null;

  start(everyMs = 50): void {
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    this.timer = setInterval(() => (this.peak = Math.max(this.peak, process.memoryUsage.rss())), everyMs);
    this.timer.unref();
  }

  stop(): { peakMiB: number; maxRssMiB: number } {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.peak = Math.max(this.peak, process.memoryUsage.rss());
    return { peakMiB: this.peak / 2 ** 20, maxRssMiB: process.resourceUsage().maxRSS / 1024 };
  }
}
