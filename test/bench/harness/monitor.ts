import { monitorEventLoopDelay, PerformanceObserver, type IntervalHistogram } from 'node:perf_hooks';

/**
 * The serving thread's longest stall while something runs: perf_hooks samples the event loop's
 * delay every `resolution` ms, so a stall shows up as a delay of about its own length.
 */
export class LoopStall {
  private histogram: IntervalHistogram | null = null;
  private gc: PerformanceObserver | null = null;
  private gcMaxMs = 0;
  private gcTotalMs = 0;

  start(resolutionMs = 5): void {
    this.histogram = monitorEventLoopDelay({ resolution: resolutionMs });
    this.histogram.enable();
    // garbage-collection pauses, to tell the engine's own stalls from the collector's
    this.gcMaxMs = 0;
    this.gcTotalMs = 0;
    this.gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        this.gcMaxMs = Math.max(this.gcMaxMs, e.duration);
        this.gcTotalMs += e.duration;
      }
    });
    this.gc.observe({ entryTypes: ['gc'] });
  }

  /** longest and p99 delay in ms since start(), and the longest garbage-collection pause */
  stop(): { maxMs: number; p99Ms: number; meanMs: number; gcMaxMs: number; gcTotalMs: number } {
    const h = this.histogram;
    if (!h) throw new Error('LoopStall.stop() before start()');
    h.disable();
    this.gc?.disconnect();
    this.histogram = null;
    return { maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, meanMs: h.mean / 1e6, gcMaxMs: this.gcMaxMs, gcTotalMs: this.gcTotalMs };
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
