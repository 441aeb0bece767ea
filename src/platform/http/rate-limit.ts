/**
 * A fixed-window counter per key (e.g. client address), in process memory. It protects endpoints such as
 * login from floods; correctness never depends on it (lockout itself lives in the store).
 */
export interface RateLimiter {
  /** Counts a hit; returns seconds to wait when over the limit, else 0. */
  hit(key: string, nowMs: number): number;
}

export function createRateLimiter(opts: { limit: number; windowMs: number; maxKeys?: number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const maxKeys = opts.maxKeys ?? 10_000;
  return {
    hit(key, nowMs) {
      let w = windows.get(key);
      if (!w || nowMs - w.start >= opts.windowMs) {
        if (windows.size >= maxKeys) {
          for (const [k, v] of windows) if (nowMs - v.start >= opts.windowMs) windows.delete(k);
          if (windows.size >= maxKeys) windows.delete(windows.keys().next().value!);
        }
        w = { start: nowMs, count: 0 };
        windows.set(key, w);
      }
      w.count += 1;
      return w.count > opts.limit ? Math.ceil((w.start + opts.windowMs - nowMs) / 1000) : 0;
    },
  };
}
