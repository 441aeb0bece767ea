import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isCandidate, moveAside, removeStaleTemps, snapshot, stableNames, writeAtomic, type Seen } from './folders.js';

const dir = mkdtempSync(join(tmpdir(), 'cbec-folders-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('file-drop folders', () => {
  it('looks only at finished *.xml names', () => {
    expect(['a.xml', 'B.XML', '20260601-0001.Xml'].filter(isCandidate)).toHaveLength(3);
    expect(['a.xml.tmp', 'a.xml.part', 'a.tmp', 'a.part', '.a.xml', '.a.xml.Ab12Cd', 'a.xmlx', 'a.txt'].filter(isCandidate)).toEqual([]);
  });

  it('takes a file only when size and mtime held across two polls, in code-unit name order', () => {
    const s = (size: number, mtimeMs = 1): Seen => ({ size, mtimeMs });
    const before = new Map([['b.xml', s(10)], ['a.xml', s(10)], ['grew.xml', s(10)], ['touched.xml', s(10, 1)], ['Z.xml', s(5)]]);
    const after = new Map([['b.xml', s(10)], ['a.xml', s(10)], ['grew.xml', s(11)], ['touched.xml', s(10, 2)], ['Z.xml', s(5)], ['new.xml', s(1)]]);
    expect(stableNames(before, after)).toEqual(['Z.xml', 'a.xml', 'b.xml']);
  });

  it('writes through a temp name, cleans up temps a crash left, and never overwrites a refused file', async () => {
    const out = join(dir, 'out');
    const failed = join(dir, 'failed');
    mkdirSync(out);
    mkdirSync(failed);
    writeFileSync(join(out, '.cbec-123-CEB312_x_1.xml.tmp'), 'half');
    expect(await removeStaleTemps(out)).toBe(1);
    await writeAtomic(out, 'CEB312_x_1.xml', '<ok/>');
    expect(readdirSync(out)).toEqual(['CEB312_x_1.xml']);
    expect([...(await snapshot(out)).keys()]).toEqual(['CEB312_x_1.xml']);

    for (const body of ['first', 'second', 'third']) {
      writeFileSync(join(dir, 'bad.xml'), body);
      await moveAside(join(dir, 'bad.xml'), failed, 'bad.xml');
    }
    expect(readdirSync(failed).sort()).toEqual(['bad.1.xml', 'bad.2.xml', 'bad.xml']);
    expect(readFileSync(join(failed, 'bad.xml'), 'utf8')).toBe('first');
  });
});
