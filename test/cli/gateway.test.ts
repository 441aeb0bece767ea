/**
 * `cbec gateway`, the file-drop gateway, run as an operator runs it: a child process on a real SQLite file
 * whose parties were filed and approved in-process beforehand, an inbox of files, an outbox of receipts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import { createPlatform } from '../../src/compose.js';
import type { Principal } from '../../src/platform/http/principal.js';
import { anOrderMessage, type SampleDeal } from '../../src/gateway/ceb/samples.js';
import { toXml } from '../../src/gateway/ceb/to-xml.js';
import { anExportOrderMessage } from '../../src/gateway/ceb/samples-export.js';
import { anEnterprise, aCustomsCode } from '../support/builders.js';

const root = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'cbec-gateway-'));
const dbFile = join(dir, 'cbec.sqlite');
const secret = 'gateway-test-secret-0123456789';
const tsx = pathToFileURL(join(root, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const env = { ...process.env, CBEC_DB: `file:${dbFile}`, CBEC_SECRET: secret, LOG_LEVEL: 'silent' };
const cli = (...args: string[]) => ['--import', tsx, join(root, 'src', 'cli', 'main.ts'), 'gateway', ...args];
const officer: Principal = { kind: 'user', id: 'officer', name: 'officer', role: 'customs', enterpriseId: null };

function cbec(...args: string[]) {
  const r = spawnSync(process.execPath, cli(...args), { env, encoding: 'utf8', cwd: dir });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const zone = { ebp: '', ebc: '', stranger: '', pending: '' };
let n = 0;
/** A CEB311 order from the zone's platform as XML, with its order number. */
function orderXml(over: Partial<SampleDeal> = {}, copCode?: string) {
  n += 1;
  const deal: Partial<SampleDeal> = { ebpCode: zone.ebp, ebcCode: zone.ebc, orderNo: `ORDFD${n}${Date.now() % 100000}`, at: new Date(), ...over };
  const xml = toXml(anOrderMessage(deal, copCode ? { copCode } : {}));
  if (!xml.ok) throw new Error('sample does not render');
  return { xml: xml.xml, orderNo: deal.orderNo! };
}

function folders(name: string) {
  const base = join(dir, name);
  const f = { inbox: join(base, 'inbox'), outbox: join(base, 'outbox'), failed: join(base, 'failed') };
  mkdirSync(f.inbox, { recursive: true });
  mkdirSync(f.outbox, { recursive: true });
  return f;
}

function query<T>(sql: string, ...params: unknown[]): T {
  const db = new Database(dbFile, { readonly: true });
  try {
    return db.prepare(sql).get(...params) as T;
  } finally {
    db.close();
  }
}
const count = (sql: string, ...params: unknown[]) => query<{ n: number }>(sql, ...params).n;

beforeAll(async () => {
  const platform = await createPlatform({ db: `file:${dbFile}`, secret });
  try {
    await platform.migrate();
    const party = async (roles: string[], approve = true) => {
      const code = aCustomsCode();
      const filed = await platform.registry.enterprises.file(officer, anEnterprise({ roles, customsCode: code }));
      if (approve) await platform.registry.enterprises.decide(officer, filed.id, 'approve', 'ok');
      return code;
    };
    zone.ebp = await party(['ebp']);
    zone.ebc = await party(['ebc']);
    zone.stranger = await party(['ebp']);
    zone.pending = await party(['ebp'], false);
  } finally {
    await platform.close();
  }
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cbec gateway (file drop)', () => {
  it('answers complete files in name order, refuses bad ones with a CEB900 naming the problem, and stores the good one once', () => {
    const f = folders('once');
    const order = orderXml();
    const stranger = orderXml({ ebpCode: zone.stranger }, zone.stranger);
    const invalid = orderXml().xml.replace(/<ceb:acturalPaid>[^<]*<\/ceb:acturalPaid>/, '<ceb:acturalPaid>abc</ceb:acturalPaid>');
    writeFileSync(join(f.inbox, '0001-order.xml'), order.xml);
    writeFileSync(join(f.inbox, '0002-broken.xml'), '<ceb:CEB311Message xmlns:ceb="http://www.chinaport.gov.cn/ceb" guid="X"><ceb:Order>');
    writeFileSync(join(f.inbox, '0003-invalid.xml'), invalid);
    writeFileSync(join(f.inbox, '0004-stranger.xml'), stranger.xml);
    writeFileSync(join(f.inbox, '0005-upload.xml.tmp'), order.xml.slice(0, 100));
    writeFileSync(join(f.inbox, 'notes.txt'), 'not a message');
    const auditBefore = count("select count(*) as n from platform_audit where action = 'clearance.batch'");

    const r = cbec('--once', '--interval', '100', '--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', `${zone.ebp},${zone.ebc}`);
    expect(r.code, r.err).toBe(0);

    // One line per file, in name order: file, message type, receipt status, time taken.
    const lines = r.out.split('\n').filter((l) => /\s0\d{3}-/.test(l));
    expect(lines).toHaveLength(4);
    expect(lines[0]).toMatch(/0001-order\.xml CEB311 CEB312:120 \d+ms$/);
    expect(lines[1]).toMatch(/0002-broken\.xml CEB311 CEB900:-1 \d+ms refused -> \.\.\/failed\/0002-broken\.xml: ceb\.not_well_formed/);
    expect(lines[2]).toMatch(/0003-invalid\.xml CEB311 CEB900:-1 .*acturalPaid/);
    expect(lines[3]).toMatch(/0004-stranger\.xml CEB311 CEB900:-1 .*filedrop\.sender_not_served/);
    expect(r.out).toContain('1 accepted, 3 refused, 0 left in the inbox');

    expect(readdirSync(f.outbox).sort()).toEqual(['CEB312_0001-order_1.xml', 'CEB900_0002-broken_1.xml', 'CEB900_0003-invalid_1.xml', 'CEB900_0004-stranger_1.xml']);
    const receipt = readFileSync(join(f.outbox, 'CEB312_0001-order_1.xml'), 'utf8');
    expect(receipt).toContain('CEB312Message');
    expect(receipt).toContain('<ceb:returnStatus>120</ceb:returnStatus>');
    expect(receipt).toContain(`<ceb:orderNo>${order.orderNo}</ceb:orderNo>`);
    const out = (name: string) => readFileSync(join(f.outbox, name), 'utf8');
    expect(out('CEB900_0002-broken_1.xml')).toMatch(/CEB900Message[\s\S]*<ceb:returnStatus>-1<\/ceb:returnStatus>[\s\S]*ceb\.not_well_formed/);
    expect(out('CEB900_0003-invalid_1.xml')).toMatch(/ceb\.schema \[acturalPaid\]/);
    expect(out('CEB900_0004-stranger_1.xml')).toContain(`BaseTransfer.copCode "${zone.stranger}" is not an enterprise this gateway serves`);

    // Bad files aside, the acknowledged one gone, temp and foreign names untouched.
    expect(readdirSync(f.failed).sort()).toEqual(['0002-broken.xml', '0003-invalid.xml', '0004-stranger.xml']);
    expect(readFileSync(join(f.failed, '0003-invalid.xml'), 'utf8')).toBe(invalid);
    expect(readdirSync(f.inbox).sort()).toEqual(['0005-upload.xml.tmp', 'notes.txt']);

    // The good order stored once; the refused ones (the stranger's valid order included) changed nothing.
    expect(count('select count(*) as n from clearance_document where order_no = ?', order.orderNo)).toBe(1);
    expect(count('select count(*) as n from clearance_document where order_no = ?', stranger.orderNo)).toBe(0);
    expect(count("select count(*) as n from platform_audit where action = 'clearance.batch'")).toBe(auditBefore + 1);

    // Dropped again (a crash before the acknowledgement, or a resend): the original receipt, nothing stored twice.
    const receiptsBefore = count('select count(*) as n from clearance_receipt');
    unlinkSync(join(f.outbox, 'CEB312_0001-order_1.xml'));
    writeFileSync(join(f.inbox, '0001-order.xml'), order.xml);
    writeFileSync(join(f.inbox, '0002-broken.xml'), 'still broken');
    const again = cbec('--once', '--interval', '100', '--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', zone.ebp);
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/0001-order\.xml CEB311 CEB312:120 \d+ms/);
    expect(readFileSync(join(f.outbox, 'CEB312_0001-order_1.xml'), 'utf8')).toBe(receipt);
    expect(count('select count(*) as n from clearance_document where order_no = ?', order.orderNo)).toBe(1);
    expect(count('select count(*) as n from clearance_receipt')).toBe(receiptsBefore);
    // An earlier refused file of the same name is evidence: kept, the new one beside it.
    expect(readdirSync(f.failed).sort()).toEqual(['0002-broken.1.xml', '0002-broken.xml', '0003-invalid.xml', '0004-stranger.xml']);
  }, 60_000);

  it('takes export messages too: an export order file gets its CEB304 receipt file', () => {
    const f = folders('export');
    const orderNo = `EXFD${Date.now() % 100000}`;
    const xml = toXml(anExportOrderMessage({ ebpCode: zone.ebp, ebcCode: zone.ebc, orderNo, at: new Date() }));
    if (!xml.ok) throw new Error('sample does not render');
    writeFileSync(join(f.inbox, '0001-export-order.xml'), xml.xml);
    const r = cbec('--once', '--interval', '100', '--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', zone.ebp);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/0001-export-order\.xml CEB303 CEB304:120 \d+ms/);
    const receipt = readFileSync(join(f.outbox, 'CEB304_0001-export-order_1.xml'), 'utf8');
    expect(receipt).toContain(`<ceb:orderNo>${orderNo}</ceb:orderNo>`);
    expect(count("select count(*) as n from clearance_document where business_key = ?", `e-order:${zone.ebp}:${orderNo}`)).toBe(1);
  }, 60_000);

  it('stops at start, with a non-zero exit, for folders or enterprises it cannot serve', () => {
    const f = folders('setup');
    const run = (...args: string[]) => cbec('--once', '--interval', '50', ...args);
    expect(run('--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', '1504969999')).toMatchObject({ code: 4, err: expect.stringContaining('filedrop.unknown_enterprise') });
    expect(run('--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', `${zone.ebp},${zone.pending}`)).toMatchObject({ code: 3, err: expect.stringContaining('filedrop.enterprise_not_approved') });
    expect(run('--inbox', join(f.inbox, 'nope'), '--outbox', f.outbox, '--enterprise', zone.ebp)).toMatchObject({ code: 2, err: expect.stringMatching(/filedrop\.bad_folder: --inbox .*no such folder/) });
    expect(run('--inbox', f.inbox, '--outbox', f.inbox, '--enterprise', zone.ebp)).toMatchObject({ code: 2, err: expect.stringContaining('filedrop.same_folder') });
  }, 60_000);

  it('keeps watching: waits for a file written in place to stop growing, takes a renamed one, and stops on SIGTERM', async () => {
    const f = folders('watch');
    const child = spawn(process.execPath, cli('--interval', '400', '--inbox', f.inbox, '--outbox', f.outbox, '--enterprise', zone.ebp), { env, cwd: dir });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (s: string) => (out += s));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    try {
      await until(() => out.includes('file-drop gateway:'), 20_000);

      // The transfer client's way: a temp name, then a rename.
      const renamed = orderXml();
      writeFileSync(join(f.inbox, 'a-renamed.xml.part'), renamed.xml);
      renameSync(join(f.inbox, 'a-renamed.xml.part'), join(f.inbox, 'a-renamed.xml'));

      // A client that writes in place: a chunk every 50 ms must never be taken half-written.
      const growing = orderXml();
      const path = join(f.inbox, 'b-growing.xml');
      writeFileSync(path, '');
      for (let i = 0; i < growing.xml.length; i += 80) {
        appendFileSync(path, growing.xml.slice(i, i + 80));
        await new Promise((r) => setTimeout(r, 50));
      }
      await until(() => existsSync(join(f.outbox, 'CEB312_a-renamed_1.xml')) && existsSync(join(f.outbox, 'CEB312_b-growing_1.xml')), 20_000);
      expect(existsSync(f.failed) ? readdirSync(f.failed) : []).toEqual([]);
      expect(count('select count(*) as n from clearance_document where order_no in (?, ?)', renamed.orderNo, growing.orderNo)).toBe(2);
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(out).toContain('file-drop gateway stopped: 2 accepted, 0 refused');
  }, 90_000);
});

async function until(ok: () => boolean, ms: number) {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 50));
  }
}
