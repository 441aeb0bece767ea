/** The CLI verbs, run as a person runs them: a child process against a real SQLite file. */
import { afterAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cbec-cli-'));
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const env = { ...process.env, CBEC_DB: `file:${join(dir, 'cbec.sqlite')}`, CBEC_SECRET: 'cli-test-secret-0123456789', LOG_LEVEL: 'silent' };

function cbec(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'src', 'cli', 'main.ts'), ...args], { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cbec CLI', () => {
  it('migrates, creates users, loads the demo, and verifies the audit chain, reporting the first broken link', () => {
    expect(cbec('migrate')).toMatchObject({ code: 0, out: expect.stringMatching(/applied \d+: 0001_platform_audit/) });
    expect(cbec('migrate').out).toBe('up to date\n');

    expect(cbec('users', 'create', 'officer7', 'customs', '--password', 'Officer2026')).toMatchObject({ code: 0, out: expect.stringContaining('created officer7 (customs)') });
    const bad = cbec('users', 'create', 'officer8', 'pirate', '--password', 'Officer2026');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('identity.invalid_role');
    expect(cbec('users', 'list').out).toContain('officer7');

    expect(cbec('demo')).toMatchObject({ code: 0, out: expect.stringContaining('30 enterprises') });
    expect(cbec('demo').code).not.toBe(0);

    expect(cbec('audit', 'verify')).toMatchObject({ code: 0, out: expect.stringMatching(/audit chain intact: \d+ records/) });
    const db = new Database(join(dir, 'cbec.sqlite'));
    db.prepare("update platform_audit set after_json = '{\"forged\":true}' where seq = 5").run();
    db.close();
    expect(cbec('audit', 'verify')).toMatchObject({ code: 9, out: expect.stringContaining('BROKEN at record 5') });
  }, 120_000);

  it('reports every bad setting at once and exits non-zero', () => {
    const r = spawnSync(process.execPath, ['--import', tsx, join(root, 'src', 'cli', 'main.ts'), 'migrate'], { env: { ...env, PORT: 'x', CBEC_DEMO: 'maybe' }, encoding: 'utf8', cwd: dir });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PORT[\s\S]*CBEC_DEMO/);
  }, 60_000);
});
