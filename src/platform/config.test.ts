import { describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from './config.js';

describe('config', () => {
  it('has the contract defaults and generates CBEC_SECRET into the data folder once', () => {
    const cwd = mkdtempSync(join(tmpdir(), 'cbec-config-'));
    const c = loadConfig({}, cwd);
    expect(c).toMatchObject({ port: 8080, dbKind: 'sqlite', demo: true, adminPassword: undefined, db: `file:${join(cwd, 'data', 'cbec.sqlite')}` });
    expect(readFileSync(join(cwd, 'data', 'secret'), 'utf8').trim()).toBe(c.secret);
    expect(loadConfig({}, cwd).secret).toBe(c.secret);
  });

  it('takes PostgreSQL URLs and explicit secrets', () => {
    const c = loadConfig({ CBEC_DB: 'postgres://u@h:5432/db', CBEC_SECRET: 'x'.repeat(32), CBEC_DEMO: '0', PORT: '9000' }, tmpdir());
    expect(c).toMatchObject({ dbKind: 'postgres', db: 'postgres://u@h:5432/db', secret: 'x'.repeat(32), demo: false, port: 9000 });
  });

  it('reads the operator’s risk settings: inspection share and manual review line (off by default)', () => {
    expect(loadConfig({ CBEC_SECRET: 'x'.repeat(32) }, tmpdir())).toMatchObject({ inspectionRate: 0, reviewAboveFen: null });
    expect(loadConfig({ CBEC_SECRET: 'x'.repeat(32), CBEC_INSPECTION_RATE: '0.02', CBEC_REVIEW_ABOVE: '2999.99' }, tmpdir())).toMatchObject({ inspectionRate: 0.02, reviewAboveFen: 299_999 });
    try {
      loadConfig({ CBEC_SECRET: 'x'.repeat(32), CBEC_INSPECTION_RATE: '2', CBEC_REVIEW_ABOVE: '3,000' }, tmpdir());
      expect.unreachable();
    } catch (e) {
      expect((e as { details: { problems: string[] } }).details.problems.join('\n')).toMatch(/CBEC_INSPECTION_RATE[\s\S]*CBEC_REVIEW_ABOVE/);
    }
  });

  it('reports every bad variable at once', () => {
    try {
      loadConfig({ PORT: 'eighty', CBEC_DB: 'mysql://x', CBEC_DEMO: 'yes', CBEC_ADMIN_PASSWORD: 'short', CBEC_SECRET: 'x'.repeat(32) }, tmpdir());
      expect.unreachable();
    } catch (e) {
      const problems = (e as { details: { problems: string[] } }).details.problems;
      expect(problems).toHaveLength(4);
      expect(problems.join('\n')).toMatch(/PORT[\s\S]*CBEC_DB[\s\S]*CBEC_DEMO[\s\S]*CBEC_ADMIN_PASSWORD/);
    }
  });
});
