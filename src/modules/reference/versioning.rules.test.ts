import { describe, expect, it } from 'vitest';
import { addDays, isIsoDate, planVersion, shanghaiDate } from './versioning.rules.js';

const same = (a: string, b: string) => a === b;
const v = (from: string, to: string | null, content: string) => ({ from, to, content });

describe('calendar dates', () => {
  it.each([
    ['2026-06-01', true],
    ['2024-02-29', true],
    ['2026-02-29', false],
    ['2026-13-01', false],
    ['2026-6-1', false],
    ['20260601', false],
  ])('%s is a date: %s', (text, ok) => expect(isIsoDate(text)).toBe(ok));

  it('takes the day in Asia/Shanghai, which starts at 16:00 UTC', () => {
    expect(shanghaiDate(new Date('2026-05-31T15:59:59Z'))).toBe('2026-05-31');
    expect(shanghaiDate(new Date('2026-05-31T16:00:00Z'))).toBe('2026-06-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});

describe('planVersion', () => {
  const seed = [v('2000-01-01', null, 'A')];

  it('starts a new key open-ended', () => {
    expect(planVersion([], '2026-06-01', undefined, 'A', same)).toEqual({ kind: 'insert', insert: { from: '2026-06-01', to: null } });
  });

  it('closes the version in force on the new date and starts the new content there', () => {
    expect(planVersion(seed, '2026-06-01', undefined, 'B', same)).toEqual({
      kind: 'split',
      close: { from: '2000-01-01', to: '2026-06-01' },
      insert: { from: '2026-06-01', to: null },
    });
  });

  it('writes nothing when the content in force is the same', () => {
    expect(planVersion(seed, '2026-06-01', undefined, 'A', same)).toEqual({ kind: 'unchanged', from: '2000-01-01' });
  });

  it('retires: same content with an end moves the end of the version in force', () => {
    expect(planVersion(seed, '2026-06-01', '2026-05-31', 'A', same)).toEqual({ kind: 'update', from: '2000-01-01', to: '2026-05-31' });
  });

  it('rewrites a version that starts on the same day', () => {
    expect(planVersion(seed, '2000-01-01', undefined, 'B', same)).toEqual({ kind: 'update', from: '2000-01-01', to: null });
  });

  it('fills a gap up to the next version, and inherits the end of a version it splits', () => {
    const gap = [v('2020-01-01', '2021-01-01', 'A'), v('2022-01-01', null, 'C')];
    expect(planVersion(gap, '2021-06-01', undefined, 'B', same)).toEqual({ kind: 'insert', insert: { from: '2021-06-01', to: '2022-01-01' } });
    expect(planVersion(gap, '2020-06-01', undefined, 'B', same)).toMatchObject({ kind: 'split', insert: { from: '2020-06-01', to: '2021-01-01' } });
  });

  it('refuses an end before the start, and an overlap with a later version', () => {
    expect(() => planVersion([], '2026-06-01', '2026-06-01', 'A', same)).toThrow(/reference.invalid_dates/);
    expect(() => planVersion([v('2027-01-01', null, 'C')], '2026-06-01', '2027-06-01', 'A', same)).toThrow(/reference.overlapping_version/);
  });
});
