/** Reading and changing one field of a JSON message by its path (`Order[0].OrderHead.acturalPaid`). */
import type { CebMessage } from './types.js';

type Step = { key: string; index?: number };

function steps(path: string): Step[] {
  return path.split('.').map((part) => {
    const m = /^([^[\]]+)(?:\[(\d+)\])?$/.exec(part);
    if (!m) throw new Error(`bad path ${path}`);
    return m[2] === undefined ? { key: m[1]! } : { key: m[1]!, index: Number(m[2]) };
  });
}

/** The value at `path`, or undefined. */
export function fieldAt(message: CebMessage, path: string): unknown {
  let cur: unknown = message;
  for (const s of steps(path)) {
    cur = (cur as Record<string, unknown> | undefined)?.[s.key];
    if (s.index !== undefined) cur = (cur as unknown[] | undefined)?.[s.index];
  }
  return cur;
}

/** A deep copy of `message` with the field at `path` set to `value` (removed when `value` is undefined). */
export function withField(message: CebMessage, path: string, value: unknown): CebMessage {
  const copy = structuredClone(message);
  const all = steps(path);
  let cur = copy as unknown as Record<string, unknown>;
  all.forEach((s, i) => {
    const last = i === all.length - 1;
    if (last && s.index === undefined) {
      if (value === undefined) delete cur[s.key];
      else cur[s.key] = value;
      return;
    }
    const next = cur[s.key];
    if (s.index === undefined) {
      cur = next as Record<string, unknown>;
      return;
    }
    const list = next as unknown[];
    if (last) {
      if (value === undefined) list.splice(s.index, 1);
      else list[s.index] = value;
      return;
    }
    cur = list[s.index] as Record<string, unknown>;
  });
  return copy;
}
