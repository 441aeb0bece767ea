/**
 * A small read-through cache for reference look-ups, which clearance makes for every item of every list.
 * Entries expire after a short time so that edits made by another worker or node show up; edits made in
 * this process drop the entry at once. A load that raced with an edit is not kept.
 */
import { performance } from 'node:perf_hooks';

export interface ReadCache<V> {
  get(key: string, load: () => Promise<V>): Promise<V>;
  drop(key: string): void;
  clear(): void;
}

export function readCache<V>(ttlMs: number, maxEntries = 50_000): ReadCache<V> {
  const entries = new Map<string, { value: V; until: number }>();
  let generation = 0;
  return {
    async get(key, load) {
      const now = performance.now();
      const hit = entries.get(key);
      if (hit && hit.until > now) return hit.value;
      const seen = generation;
      const value = await load();
      if (seen === generation && ttlMs > 0) {
        // Unknown keys are cached too (a flood of bad codes must not reach the database), so bound the map.
        if (entries.size >= maxEntries) entries.clear();
        entries.set(key, { value, until: now + ttlMs });
      }
      return value;
    },
    drop(key) {
      generation += 1;
      entries.delete(key);
    },
    clear() {
      generation += 1;
      entries.clear();
    },
  };
}
