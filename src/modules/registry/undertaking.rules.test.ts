import { describe, expect, it } from 'vitest';
import { checkUndertaking, permits, type UndertakingInput } from './undertaking.rules.js';

const facts = { validFromOk: true, validToOk: true, today: '2026-06-01', owners: new Map([['1504960001', { roles: ['ebp'] }], ['1504940401', { roles: ['warehouse'] }]]) };
const good: UndertakingInput = { kinds: ['order', 'payment'], ownerCodes: ['1504960001'], validFrom: '2026-06-01', validTo: '2027-05-31', letterNo: ' CN-2026-001 ' };
const codes = (r: { problems: { code: string; field: string }[] }) => r.problems.map((p) => [p.code, p.field]);

describe('push-on-behalf undertaking rules', () => {
  it('accepts a valid undertaking and normalises it', () => {
    const r = checkUndertaking({ ...good, kinds: ['order', 'order'], ownerCodes: ['1504960001', ' 1504960001'] }, facts);
    expect(r.problems).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.value).toEqual({ kinds: ['order'], allOwners: false, ownerCodes: ['1504960001'], validFrom: '2026-06-01', validTo: '2027-05-31', letterNo: 'CN-2026-001', note: null });
  });

  it.each([
    [{ kinds: [] }, 'registry.undertaking_invalid_kind', 'kinds'],
    [{ kinds: ['waybill'] }, 'registry.undertaking_invalid_kind', 'kinds'],
    [{ ownerCodes: [] }, 'registry.undertaking_owners', 'ownerCodes'],
    [{ allOwners: true }, 'registry.undertaking_owners', 'ownerCodes'],
    [{ ownerCodes: ['15049'] }, 'registry.invalid_customs_code', 'ownerCodes.0'],
    [{ validTo: '2026-05-31' }, 'registry.undertaking_dates', 'validTo'],
    [{ validFrom: '2026-01-01', validTo: '2026-05-31' }, 'registry.undertaking_dates', 'validTo'],
  ])('refuses %j with %s on %s', (over, code, field) => {
    const r = checkUndertaking({ ...good, ...over }, facts);
    expect(codes(r)[0]).toEqual([code, field]);
    expect(r.problems[0]!.message.zh).toBeTruthy();
  });

  it('refuses dates that are not dates', () => expect(codes(checkUndertaking({ ...good, validFrom: '2026-13-01' }, { ...facts, validFromOk: false }))).toEqual([['registry.undertaking_dates', 'validFrom']]));

  it('accepts all owners and warns about owners that are not filed as platforms or e-commerce enterprises', () => {
    expect(checkUndertaking({ ...good, ownerCodes: [], allOwners: true }, facts).problems).toEqual([]);
    const w = checkUndertaking({ ...good, ownerCodes: ['1504940401', '1504969999'] }, facts);
    expect(w.problems).toEqual([]);
    expect(w.warnings.map((x) => x.code)).toEqual(['registry.undertaking_owner_role', 'registry.undertaking_owner_unknown']);
  });
});

describe('what an undertaking permits', () => {
  const u = { status: 'approved', kinds: ['order'], allOwners: false, ownerCodes: ['1504960001'], validFrom: '2026-06-01', validTo: '2026-12-31' };
  const q = { kind: 'order' as const, ownerCodes: ['1504960001'], date: '2026-06-01' };

  it.each([
    ['the first day', {}, {}, true],
    ['the last day', {}, { date: '2026-12-31' }, true],
    ['the day before', {}, { date: '2026-05-31' }, false],
    ['the day after', {}, { date: '2027-01-01' }, false],
    ['another kind', {}, { kind: 'payment' as const }, false],
    ['another owner', {}, { ownerCodes: ['1504960002'] }, false],
    ['an owner known by an alias', {}, { ownerCodes: ['91150400MA0000000X', '1504960001'] }, true],
    ['every owner', { allOwners: true, ownerCodes: [] }, { ownerCodes: ['1504960002'] }, true],
    ['a pending undertaking', { status: 'pending' }, {}, false],
    ['a revoked undertaking', { status: 'revoked' }, {}, false],
  ])('%s: %j %j -> %s', (_, over, qOver, expected) => expect(permits({ ...u, ...over }, { ...q, ...qOver })).toBe(expected));
});
