import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../reference/index.js';
import {
  checkDecision,
  checkProof,
  checkWarehouse,
  displayName,
  downloadName,
  formatArea,
  MAX_PROOF_BYTES,
  mayResubmit,
  parseArea,
  sniffType,
  type WarehouseInput,
} from './warehouse.rules.js';

const facts = { countryKnown: true, today: '2026-06-01', isDate: isIsoDate };
const good: WarehouseInput = {
  name: '法兰克福海外仓',
  country: '304',
  address: 'Hanauer Landstraße 300, 60314 Frankfurt am Main',
  areaSqm: '2400.5',
  operatorName: 'Yuanhang Overseas Warehouse GmbH',
  tenure: 'lease',
  leaseEnds: '2029-05-31',
};

const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\n%%EOF\n', 'latin1');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46, 0x49, 0x46, 0]);
const proof = (bytes: Buffer, contentType: string, fileName = 'lease.pdf') => ({ fileName, contentType, contentBase64: bytes.toString('base64') });

describe('overseas warehouse data', () => {
  it('normalises a good filing', () => {
    expect(checkWarehouse({ ...good, name: '  法兰克福   海外仓 ' }, facts)).toEqual({
      value: { name: '法兰克福 海外仓', country: '304', address: good.address, areaCenti: 240050, operatorName: good.operatorName, tenure: 'lease', leaseEnds: '2029-05-31' },
      problems: [],
    });
    expect(checkWarehouse({ ...good, tenure: 'own', leaseEnds: null }, facts).problems).toEqual([]);
  });

  it.each([
    [{ name: 'x' }, 'overseas.invalid_name', 'name'],
    [{ country: '30' }, 'overseas.invalid_country', 'country'],
    [{ country: '142' }, 'overseas.invalid_country', 'country'],
    [{ country: '300' }, 'overseas.invalid_country', 'country'],
    [{ address: 'abc' }, 'overseas.invalid_address', 'address'],
    [{ operatorName: '' }, 'overseas.invalid_operator', 'operatorName'],
    [{ tenure: 'rent' }, 'overseas.invalid_tenure', 'tenure'],
    [{ leaseEnds: undefined }, 'overseas.lease_ends_required', 'leaseEnds'],
    [{ leaseEnds: '2027-02-30' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
    [{ leaseEnds: '2026-06-01' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
    [{ leaseEnds: '2025-12-31' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
    [{ tenure: 'own', leaseEnds: '2029-01-01' }, 'overseas.invalid_lease_ends', 'leaseEnds'],
  ] as Array<[Partial<WarehouseInput>, string, string]>)('reports %j as %s on %s', (change, code, field) => {
    const r = checkWarehouse({ ...good, ...change }, facts);
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([[code, field]]);
    expect(r.problems[0]!.message.zh.length).toBeGreaterThan(0);
    expect(r.problems[0]!.message.en.length).toBeGreaterThan(0);
  });

  it('accepts a lease ending tomorrow and names an unknown country', () => {
    expect(checkWarehouse({ ...good, leaseEnds: '2026-06-02' }, facts).problems).toEqual([]);
    expect(checkWarehouse(good, { ...facts, countryKnown: false }).problems[0]!.message.en).toContain('not in the customs country code table');
  });

  it('reads areas as positive decimals with at most 2 decimals', () => {
    expect([parseArea('1'), parseArea('0.01'), parseArea(' 2400.50 '), parseArea('999999999.99')]).toEqual([100, 1, 240050, 99_999_999_999]);
    for (const bad of ['0', '0.00', '-5', '1.234', '1e3', '', '.5', '1,000', '1000000000']) expect(parseArea(bad), bad).toBeNull();
    expect([formatArea(240050), formatArea(300000), formatArea(1), formatArea(240055)]).toEqual(['2400.5', '3000', '0.01', '2400.55']);
    const r = checkWarehouse({ ...good, areaSqm: '12.345' }, facts);
    expect(r.problems[0]).toMatchObject({ code: 'overseas.invalid_area', field: 'areaSqm' });
  });

  it('reports every problem at once', () => {
    const r = checkWarehouse({ name: '', country: 'DE', address: '', areaSqm: '0', operatorName: '', tenure: 'lease' }, facts);
    expect(r.problems.map((p) => p.field)).toEqual(['name', 'country', 'address', 'areaSqm', 'operatorName', 'leaseEnds']);
  });
});

describe('proof files', () => {
  it('recognises PDF, PNG and JPEG by their first bytes', () => {
    expect([sniffType(PDF), sniffType(PNG), sniffType(JPEG), sniffType(Buffer.from('hello')), sniffType(Buffer.from([0xff, 0xd8]))]).toEqual(['application/pdf', 'image/png', 'image/jpeg', null, null]);
  });

  it('accepts a file whose content matches its declared type', () => {
    for (const [bytes, type] of [[PDF, 'application/pdf'], [PNG, 'image/png'], [JPEG, 'Image/JPEG']] as const) {
      const r = checkProof(proof(bytes, type));
      expect(r.problems, type).toEqual([]);
      expect(r.value!.bytes.equals(bytes)).toBe(true);
      expect(r.value!.contentType).toBe(type.toLowerCase());
    }
  });

  it('trusts the content, never the name', () => {
    const r = checkProof(proof(PNG, 'application/pdf', 'lease.pdf'));
    expect(r.value).toBeNull();
    expect(r.problems).toMatchObject([{ code: 'overseas.proof_type_mismatch', field: 'proof.contentType', value: { declared: 'application/pdf', detected: 'image/png' } }]);
    expect(checkProof(proof(Buffer.from('MZ\x90\x00 not a pdf', 'latin1'), 'application/pdf')).problems[0]!.code).toBe('overseas.proof_type_mismatch');
    expect(checkProof(proof(PDF, 'application/x-msdownload', 'a.exe')).problems.map((p) => p.code)).toEqual(['overseas.invalid_proof_type']);
    expect(downloadName('lease.exe', 'application/pdf')).toBe('lease.pdf');
    expect(downloadName('租赁合同', 'image/jpeg')).toBe('租赁合同.jpg');
    expect(displayName('C:\\Users\\me\\..\\lease\u0000.pdf')).toBe('lease.pdf');
    expect(displayName('../../etc/passwd')).toBe('passwd');
    expect(checkProof(proof(PDF, 'application/pdf', '/')).problems.map((p) => p.code)).toEqual(['overseas.invalid_proof_name']);
  });

  it('rejects empty, oversized and non-base64 content', () => {
    expect(checkProof({ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: '' }).problems.map((p) => p.code)).toEqual(['overseas.proof_empty']);
    expect(checkProof({ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: 'JVBER!!' }).problems.map((p) => p.code)).toEqual(['overseas.invalid_proof_encoding']);
    expect(checkProof({ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: 'JVBERi0' }).problems.map((p) => p.code)).toEqual(['overseas.invalid_proof_encoding']);
    const atLimit = Buffer.alloc(MAX_PROOF_BYTES, 0x20);
    PDF.copy(atLimit);
    expect(checkProof(proof(atLimit, 'application/pdf')).problems).toEqual([]);
    const over = Buffer.alloc(MAX_PROOF_BYTES + 1, 0x20);
    PDF.copy(over);
    expect(checkProof(proof(over, 'application/pdf')).problems).toMatchObject([{ code: 'overseas.proof_too_large', field: 'proof.contentBase64', value: MAX_PROOF_BYTES + 1 }]);
  });

  it('accepts base64 broken into lines', () => {
    const wrapped = PDF.toString('base64').replace(/(.{8})/g, '$1\n');
    expect(checkProof({ fileName: 'a.pdf', contentType: 'application/pdf', contentBase64: wrapped }).problems).toEqual([]);
  });
});

describe('review', () => {
  it('decides pending filings only, and a rejection needs a reason', () => {
    expect(checkDecision('pending', 'approve', undefined)).toEqual({ ok: true, reason: null });
    expect(checkDecision('pending', 'reject', '  租赁合同已过期 ')).toEqual({ ok: true, reason: '租赁合同已过期' });
    expect(checkDecision('pending', 'reject', ' ')).toMatchObject({ ok: false, kind: 'invalid', issue: { code: 'overseas.reason_required', field: 'reason' } });
    expect(checkDecision('approved', 'approve', 'ok')).toMatchObject({ ok: false, kind: 'conflict', issue: { code: 'overseas.not_pending' } });
    expect(checkDecision('rejected', 'reject', 'again')).toMatchObject({ ok: false, kind: 'conflict' });
  });

  it('lets rejected and pending filings be resubmitted, never approved ones', () => {
    expect(mayResubmit('rejected')).toBeNull();
    expect(mayResubmit('pending')).toBeNull();
    expect(mayResubmit('approved')).toMatchObject({ code: 'overseas.already_approved' });
  });
});
