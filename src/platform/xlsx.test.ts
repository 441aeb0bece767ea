import { describe, expect, it } from 'vitest';
import * as XLSX from 'xlsx';
import { dateCell, numberFormat, numericCell, writeWorkbook } from './xlsx.js';

/** Read back with SheetJS, an independent reader, keeping the archive's parts for the XML checks. */
function readBack(buf: Buffer) {
  const wb = XLSX.read(buf, { type: 'buffer', bookFiles: true, cellNF: true });
  const files = (wb as unknown as { files: Record<string, { content: Uint8Array }> }).files;
  const part = (name: string) => Buffer.from(files[name]!.content).toString('utf8');
  return { wb, part };
}

describe('writeWorkbook', () => {
  const columns = [
    { header: '出口日期 (Date)', key: 'date', type: 'date' as const },
    { header: '商品名称 (Goods name)', key: 'name' },
    { header: '数量 (Quantity)', key: 'qty', type: 'number' as const },
    { header: '单价 (Unit price)', key: 'price', type: 'number' as const, decimals: [2, 5] as const },
    { header: '金额 (Amount)', key: 'amount', type: 'number' as const, decimals: 2 },
  ];

  it('writes numeric, date and text cells that a spreadsheet program reads back exactly', async () => {
    const buf = await writeWorkbook([
      {
        name: '出口记录',
        columns,
        rows: [
          { date: '2026-05-01', name: '山羊绒手工起绒男套头衫', qty: '2', price: '12.12345', amount: '1145.55' },
          { date: '2026-12-31', name: '0012', qty: '0.5', price: '3', amount: '0.10' },
          { date: null, name: '', qty: '99999.99999', price: '0.00001', amount: '9999999999999.99' },
          { date: '2024-02-29', name: 'x', qty: -1, price: '-0.5', amount: '-12.30' },
        ],
      },
      { name: 'Second', columns: [{ header: 'A', key: 'a' }], rows: [] },
    ]);
    expect(buf.subarray(0, 2).toString()).toBe('PK');
    const { wb } = readBack(buf);
    expect(wb.SheetNames).toEqual(['出口记录', 'Second']);
    const ws = wb.Sheets['出口记录']!;
    expect(ws['!ref']).toBe('A1:E5');
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map((a) => [ws[a]!.t, ws[a]!.v])).toEqual(columns.map((c) => ['s', c.header]));

    // Dates are date serials with a date format: 2026-05-01 is day 46143 of the 1900 system.
    expect(ws.A2).toMatchObject({ t: 'n', v: 46143, z: 'yyyy-mm-dd', w: '2026-05-01' });
    expect(ws.A3).toMatchObject({ t: 'n', v: 46387, w: '2026-12-31' });
    expect(ws.A4).toBeUndefined();
    expect(ws.A5).toMatchObject({ t: 'n', v: 45351, w: '2024-02-29' });
    // Text stays text, even when it looks like a number.
    expect(ws.B2).toMatchObject({ t: 's', v: '山羊绒手工起绒男套头衫' });
    expect(ws.B3).toMatchObject({ t: 's', v: '0012' });
    expect(ws.B4).toBeUndefined();
    // Quantities: as many decimals as they have, up to 5.
    expect(ws.C2).toMatchObject({ t: 'n', v: 2, z: '#,##0', w: '2' });
    expect(ws.C3).toMatchObject({ t: 'n', v: 0.5, z: '#,##0.0', w: '0.5' });
    expect(ws.C4).toMatchObject({ t: 'n', v: 99999.99999, z: '#,##0.00000', w: '99,999.99999' });
    expect(ws.C5).toMatchObject({ t: 'n', v: -1, w: '-1' });
    // Unit prices: 2 to 5 decimals.
    expect(ws.D2).toMatchObject({ t: 'n', v: 12.12345, z: '#,##0.00000', w: '12.12345' });
    expect(ws.D3).toMatchObject({ t: 'n', v: 3, z: '#,##0.00', w: '3.00' });
    expect(ws.D4).toMatchObject({ t: 'n', v: 0.00001, w: '0.00001' });
    expect(ws.D5).toMatchObject({ t: 'n', v: -0.5, w: '-0.50' });
    // Amounts: always 2 decimals, the largest 15-digit amount held exactly.
    expect(ws.E2).toMatchObject({ t: 'n', v: 1145.55, z: '#,##0.00', w: '1,145.55' });
    expect(ws.E3).toMatchObject({ t: 'n', v: 0.1, w: '0.10' });
    expect(ws.E4).toMatchObject({ t: 'n', v: 9999999999999.99, w: '9,999,999,999,999.99' });
    expect(String(ws.E4!.v)).toBe('9999999999999.99');
    expect(ws.E5).toMatchObject({ t: 'n', v: -12.3, w: '-12.30' });

    expect(XLSX.utils.sheet_to_json(ws, { raw: false })).toHaveLength(4);
    expect(wb.Sheets.Second!['!ref']).toBe('A1');
  });

  it('makes the header row bold, frozen and filterable', async () => {
    const buf = await writeWorkbook([{ name: 'S', columns, rows: [{ date: '2026-05-01', name: 'n', qty: '1', price: '1', amount: '1.00' }] }]);
    const { wb, part } = readBack(buf);
    expect(wb.Sheets.S!['!autofilter']).toEqual({ ref: 'A1:E1' });
    const sheet = part('xl/worksheets/sheet1.xml');
    expect(sheet).toMatch(/<pane [^>]*ySplit="1"[^>]*state="frozen"/);
    // The header cells' style points at a bold font; the data cells' does not.
    const styles = part('xl/styles.xml');
    const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/s.exec(styles)?.[1] ?? '').matchAll(/<xf [^>]*?fontId="(\d+)"/g)].map((m) => Number(m[1]));
    const fonts = [...(/<fonts[^>]*>(.*?)<\/fonts>/s.exec(styles)?.[1] ?? '').matchAll(/<font>(.*?)<\/font>|<font\/>/gs)].map((m) => m[0]);
    const bold = (ref: string) => {
      const s = Number(new RegExp(`<c r="${ref}"[^>]*? s="(\\d+)"`).exec(sheet)?.[1] ?? 0);
      return /<b\/>/.test(fonts[xfs[s]!] ?? '');
    };
    expect(['A1', 'B1', 'C1', 'D1', 'E1'].map(bold)).toEqual([true, true, true, true, true]);
    expect(['A2', 'B2', 'E2'].map(bold)).toEqual([false, false, false]);
  });

  it('writes 100,000 rows', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => ({ date: '2026-01-01', name: `商品${i}`, qty: String(i), price: '1.5', amount: `${i}.25` }));
    const buf = await writeWorkbook([{ name: 'Big', columns, rows }]);
    const ws = XLSX.read(buf, { type: 'buffer', sheetRows: 0 }).Sheets.Big!;
    expect(ws['!ref']).toBe('A1:E100001');
    expect(ws.E100001).toMatchObject({ t: 'n', v: 99999.25 });
  }, 60_000);

  it('refuses values it could not write exactly, and bad sheets', async () => {
    expect(() => numericCell('1234567890123456', 'x')).toThrow(/significant digits/);
    expect(numericCell('000123456789012345.000', 'x')).toBe(123456789012345);
    expect(() => numericCell('1e5', 'x')).toThrow(/decimal/);
    expect(() => numericCell(Number.NaN, 'x')).toThrow(/finite/);
    expect(() => dateCell('2026-02-30', 'd')).toThrow(/YYYY-MM-DD/);
    expect(dateCell('2026-02-28', 'd').toISOString()).toBe('2026-02-28T00:00:00.000Z');
    expect(numberFormat(2, 3)).toBe('#,##0.00');
    expect(numberFormat([0, 5], 1.1234567)).toBe('#,##0.00000');
    await expect(writeWorkbook([{ name: 'a/b', columns, rows: [] }])).rejects.toThrow(/sheet name/);
    await expect(writeWorkbook([{ name: 'x'.repeat(32), columns, rows: [] }])).rejects.toThrow(/sheet name/);
    await expect(writeWorkbook([])).rejects.toThrow(/at least one sheet/);
    await expect(writeWorkbook([{ name: 'S', columns, rows: [{ amount: 'ten' }] }])).rejects.toThrow(/amount/);
  });
});
