/** The part of autocannon 8's programmatic API that the benchmarks use (no @types/autocannon installed). */
declare module 'autocannon' {
  /** hdr-histogram-percentiles-obj: latency in ms, requests and throughput per second. */
  export type Histogram = {
    average: number;
    mean: number;
    stddev: number;
    min: number;
    max: number;
    total: number;
    p2_5: number;
    p50: number;
    p75: number;
    p90: number;
    p97_5: number;
    p99: number;
    p99_9: number;
  };

  export type Options = {
    url: string;
    connections?: number;
    /** Seconds. */
    duration?: number;
    /** Seconds to wait for one response. */
    timeout?: number;
    pipelining?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    title?: string;
  };

  export type Result = {
    url: string;
    /** Seconds. */
    duration: number;
    connections: number;
    errors: number;
    timeouts: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
    requests: Histogram & { sent: number };
    latency: Histogram;
    throughput: Histogram;
  };

  export type Instance = PromiseLike<Result> & {
    stop(): void;
    /** `responseTime` is in milliseconds, measured with process.hrtime (sub-millisecond). */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
    ): Instance;
  };

  function autocannon(options: Options): Instance;
  export default autocannon;
}
