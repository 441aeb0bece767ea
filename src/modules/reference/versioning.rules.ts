/**
 * Reference rows (code tables, HS lines, tariffs) are versioned by calendar dates: a version is in force on
 * day D when effectiveFrom <= D and (effectiveTo is null or D < effectiveTo). Versions of one key never
 * overlap. `planVersion` decides, from the existing versions, what an operator's edit does, so that the
 * stores on both dialects only carry out a plan that was checked once, here.
 */
import { conflict, invalid } from '../../kernel/errors.js';

/** YYYY-MM-DD: a calendar date in Asia/Shanghai, the zone's legal day. */
export type IsoDate = string;

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (no 2026-02-30). */
export function isIsoDate(text: string): boolean {
  const m = DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === text;
}

/** Throws `reference.invalid_date` naming the field unless `text` is a real YYYY-MM-DD date. */
export function checkDate(text: string, field: string): IsoDate {
  if (!isIsoDate(text)) {
    throw invalid('reference.invalid_date', { zh: `${field} 不是有效日期（YYYY-MM-DD）：${text}`, en: `${field} is not a valid date (YYYY-MM-DD): ${text}` }, { field, value: text });
  }
  return text;
}

/** The calendar day of an instant in Asia/Shanghai (UTC+8, no daylight saving). */
export const shanghaiDate = (at: Date): IsoDate => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

/** `date` moved by `days` (negative: earlier). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

export interface Span {
  from: IsoDate;
  to: IsoDate | null;
}

export const inForce = (s: Span, date: IsoDate): boolean => s.from <= date && (s.to === null || date < s.to);

/** What an edit does to the stored versions of one key. */
export type VersionPlan =
  /** The version in force already says this: nothing to write. */
  | { kind: 'unchanged'; from: IsoDate }
  /** Rewrite the version that starts on `from` (content and end). */
  | { kind: 'update'; from: IsoDate; to: IsoDate | null }
  /** End the version starting `close.from` on `close.to`, and start a new one. */
  | { kind: 'split'; close: { from: IsoDate; to: IsoDate }; insert: Span }
  /** Start a new version where none was in force. */
  | { kind: 'insert'; insert: Span };

/**
 * Plans an edit that says "from `from` on, the content is `content`", optionally ending on `to`
 * (`undefined`: keep the end the key already has there; `null`: open-ended up to the next version).
 * Same content as the version in force only moves its end, so retiring a code is an edit with its
 * current name and an `effectiveTo`, and repeating a PUT writes nothing.
 */
export function planVersion<C>(
  versions: ReadonlyArray<Span & { content: C }>,
  from: IsoDate,
  to: IsoDate | null | undefined,
  content: C,
  same: (a: C, b: C) => boolean,
): VersionPlan {
  const sorted = [...versions].sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0));
  const next = sorted.find((v) => v.from > from);
  const openEnd = next?.from ?? null;
  const exact = sorted.find((v) => v.from === from);
  const current = sorted.find((v) => v.from < from && inForce(v, from));

  let plan: VersionPlan;
  let spanFrom: IsoDate;
  let spanTo: IsoDate | null;
  if (exact) {
    spanFrom = from;
    spanTo = to === undefined ? exact.to : (to ?? openEnd);
    if (same(exact.content, content) && spanTo === exact.to) return { kind: 'unchanged', from };
    plan = { kind: 'update', from, to: spanTo };
  } else if (current && same(current.content, content)) {
    if (to === undefined) return { kind: 'unchanged', from: current.from };
    spanFrom = current.from;
    spanTo = to ?? openEnd;
    plan = { kind: 'update', from: current.from, to: spanTo };
  } else if (current) {
    spanFrom = from;
    spanTo = to === undefined ? current.to : (to ?? openEnd);
    plan = { kind: 'split', close: { from: current.from, to: from }, insert: { from, to: spanTo } };
  } else {
    spanFrom = from;
    spanTo = to ?? openEnd;
    plan = { kind: 'insert', insert: { from, to: spanTo } };
  }

  if (spanTo !== null && spanTo <= spanFrom) {
    throw invalid('reference.invalid_dates', {
      zh: `失效日期 ${spanTo} 必须晚于生效日期 ${spanFrom}`,
      en: `effectiveTo ${spanTo} must be after effectiveFrom ${spanFrom}`,
    }, { field: 'effectiveTo', effectiveFrom: spanFrom, effectiveTo: spanTo });
  }
  if (next && (spanTo === null || spanTo > next.from)) {
    throw conflict('reference.overlapping_version', {
      zh: `与 ${next.from} 起生效的版本重叠`,
      en: `overlaps the version in force from ${next.from}`,
    }, { effectiveFrom: spanFrom, effectiveTo: spanTo, nextFrom: next.from });
  }
  return plan;
}
