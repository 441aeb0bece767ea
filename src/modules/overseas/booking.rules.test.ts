import { describe, expect, it } from 'vitest';
import { isIsoDate } from '../reference/index.js';
import { checkBooking, formatQty, MAX_BOOKING_LINES, parsePositiveQty, parsePositiveValue, type BookingInput, type BookingLineInput } from './booking.rules.js';

const facts = { isDate: isIsoDate, knownHs: new Set(['6110120011', '6214202000']), knownUnits: new Set(['011', '015']), transportKnown: true };
const line: BookingLineInput = { itemNo: 'CF-M-001', itemName: '山羊绒男套头衫', gcode: '6110120011', qty: '120', unit: '011', value: '153600.00' };
const good: BookingInput = { bookingNo: 'DC-CF-2026-0001', warehouseId: 'w1', plannedShipDate: '2026-06-20', transportMode: '3', lines: [line, { itemName: '山羊绒围巾', gcode: '6214202000', qty: '80.5', unit: '015', value: '0.01' }] };

describe('booking order rules', () => {
  it('turns a good booking into integers and sums its value', () => {
    const r = checkBooking(good, facts);
    expect(r.problems).toEqual([]);
    expect(r.value).toEqual({
      bookingNo: 'DC-CF-2026-0001',
      warehouseId: 'w1',
      plannedShipDate: '2026-06-20',
      transportMode: '3',
      goodsFen: 15_360_001,
      lines: [
        { lineNo: 1, itemNo: 'CF-M-001', itemName: '山羊绒男套头衫', gcode: '6110120011', qtyE5: 12_000_000, unit: '011', valueFen: 15_360_000 },
        { lineNo: 2, itemNo: null, itemName: '山羊绒围巾', gcode: '6214202000', qtyE5: 8_050_000, unit: '015', valueFen: 1 },
      ],
    });
    expect(checkBooking({ ...good, transportMode: null }, { ...facts, transportKnown: false }).value.transportMode).toBeNull();
  });

  it.each([
    [{ bookingNo: '' }, 'overseas.invalid_booking_no', 'bookingNo'],
    [{ bookingNo: 'A'.repeat(61) }, 'overseas.invalid_booking_no', 'bookingNo'],
    [{ bookingNo: 'DC 0001' }, 'overseas.invalid_booking_no', 'bookingNo'],
    [{ warehouseId: ' ' }, 'overseas.invalid_warehouse', 'warehouseId'],
    [{ plannedShipDate: '2026-13-01' }, 'overseas.invalid_ship_date', 'plannedShipDate'],
    [{ lines: [] }, 'overseas.invalid_lines', 'lines'],
  ] as Array<[Partial<BookingInput>, string, string]>)('reports %j as %s', (change, code, field) => {
    expect(checkBooking({ ...good, ...change }, facts).problems.map((p) => [p.code, p.field])).toEqual([[code, field]]);
  });

  it('accepts a 60-character booking number and names an unknown transport mode', () => {
    expect(checkBooking({ ...good, bookingNo: 'A'.repeat(60) }, facts).problems).toEqual([]);
    expect(checkBooking({ ...good, transportMode: 'Q' }, { ...facts, transportKnown: false }).problems.map((p) => p.code)).toEqual(['overseas.invalid_transport_mode']);
  });

  it.each([
    [{ gcode: '611012' }, 'overseas.invalid_hs', 'gcode'],
    [{ gcode: '0101210010' }, 'overseas.invalid_hs', 'gcode'],
    [{ qty: '0' }, 'overseas.invalid_quantity', 'qty'],
    [{ qty: '1.000001' }, 'overseas.invalid_quantity', 'qty'],
    [{ qty: '-1' }, 'overseas.invalid_quantity', 'qty'],
    [{ unit: '999' }, 'overseas.invalid_unit', 'unit'],
    [{ value: '100.001' }, 'overseas.invalid_value', 'value'],
    [{ value: '0.00' }, 'overseas.invalid_value', 'value'],
    [{ value: '12345678901' }, 'overseas.invalid_value', 'value'],
    [{ itemName: ' ' }, 'overseas.invalid_item_name', 'itemName'],
    [{ itemNo: 'X'.repeat(61) }, 'overseas.invalid_item_no', 'itemNo'],
  ] as Array<[Partial<BookingLineInput>, string, string]>)('reports a line with %j as %s on lines.1.%s', (change, code, field) => {
    const r = checkBooking({ ...good, lines: [line, { ...line, ...change }] }, facts);
    expect(r.problems.map((p) => [p.code, p.field])).toEqual([[code, `lines.1.${field}`]]);
    expect(r.problems[0]!.message.en).toMatch(/^line 2: /);
  });

  it('caps the number of lines', () => {
    expect(checkBooking({ ...good, lines: Array.from({ length: MAX_BOOKING_LINES }, () => line) }, facts).problems).toEqual([]);
    expect(checkBooking({ ...good, lines: Array.from({ length: MAX_BOOKING_LINES + 1 }, () => line) }, facts).problems.map((p) => p.code)).toEqual(['overseas.invalid_lines']);
  });

  it('reads quantities with at most 5 decimals and values with at most 2', () => {
    expect([parsePositiveQty('0.00001'), parsePositiveQty('9999999999.99999'), parsePositiveQty('2.5')]).toEqual([1, 999_999_999_999_999, 250_000]);
    for (const bad of ['0', '0.00000', '1e2', '', '10000000000', '1.123456']) expect(parsePositiveQty(bad), bad).toBeNull();
    expect([formatQty(250_000), formatQty(80_000_000), formatQty(1)]).toEqual(['2.5', '800', '0.00001']);
    expect([parsePositiveValue('1145.55'), parsePositiveValue('9999999999.99'), parsePositiveValue(' 5 ')]).toEqual([114_555, 999_999_999_999, 500]);
    for (const bad of ['0', '-1', '1.005', 'abc', '']) expect(parsePositiveValue(bad), bad).toBeNull();
  });
});
