/**
 * Booking orders (订仓单, 9810): an approved exporter books goods into one of its approved overseas
 * warehouses before shipping them; customs later compares the declaration against it (the look-up port).
 * An enterprise sees its own bookings, every department all of them. Filing is audited in its transaction.
 */
import { sql } from 'kysely';
import { conflict, invalid, notFound, rejected } from '../../kernel/errors.js';
import { newId } from '../../kernel/ids.js';
import { formatYuan } from '../../kernel/money.js';
import { isUniqueViolation, type Db } from '../../platform/db/database.js';
import { actorOf, type Principal } from '../../platform/http/principal.js';
import { enterpriseScope } from '../identity/index.js';
import { isIsoDate } from '../reference/index.js';
import { checkBooking, formatQty, type BookingInput } from './booking.rules.js';
import { tables, toBooking, toLine, type BookingDetail, type BookingRow, type BookingSummary } from './overseas.store.js';
import { eligibleFiler, FILER_ROLES, namesFor, problemsError, type OverseasDeps } from './warehouse.service.js';

export interface BookingFilter {
  q?: string;
  status?: string;
  warehouseId?: string;
  enterpriseId?: string;
  country?: string;
  limit: number;
  offset: number;
}

export const bookingNotFound = (id: string) => notFound('overseas.booking_not_found', { zh: '订仓单不存在', en: 'no such booking order' }, { id });

export function createBookingService(deps: OverseasDeps) {
  const db = tables(deps.db);
  const now = () => deps.clock.now().toISOString();

  /** Reference facts for the rules: which of the lines' HS and unit codes exist, and the transport mode. */
  async function facts(input: BookingInput) {
    const gcodes = [...new Set(input.lines.map((l) => l.gcode.trim()).filter((g) => /^\d{10}$/.test(g)))];
    const units = [...new Set(input.lines.map((l) => l.unit.trim()).filter((u) => /^\d{3}$/.test(u)))];
    const mode = input.transportMode?.trim();
    const [hs, us, transport] = await Promise.all([
      Promise.all(gcodes.map((g) => deps.reference.hs(g))),
      Promise.all(units.map((u) => deps.reference.code('unit', u))),
      mode ? deps.reference.code('transport', mode) : null,
    ]);
    return {
      isDate: isIsoDate,
      knownHs: new Set(gcodes.filter((_, i) => hs[i])),
      knownUnits: new Set(units.filter((_, i) => us[i])),
      transportKnown: !!transport,
    };
  }

  async function file(actor: Principal, input: BookingInput): Promise<{ id: string; bookingNo: string; status: 'filed' }> {
    const exporter = await eligibleFiler(deps.enterprises, actor, FILER_ROLES);
    const checked = checkBooking(input, await facts(input));
    if (checked.problems.length > 0) throw problemsError(checked.problems);
    const v = checked.value;
    const id = newId();
    const at = now();
    const by = actorOf(actor);
    try {
      await deps.db.transaction().execute(async (trx) => {
        // The warehouse must stay approved while the booking is written: share-lock it on PostgreSQL.
        const wq = tables(trx).selectFrom('overseas_warehouse').select(['id', 'enterprise_id', 'name', 'country', 'status']).where('id', '=', v.warehouseId);
        const w = await (deps.dialect === 'postgres' ? wq.forShare() : wq).executeTakeFirst();
        if (!w || w.enterprise_id !== exporter.id) {
          throw invalid('overseas.invalid_warehouse', { zh: `本企业没有该海外仓备案：${v.warehouseId}`, en: `the enterprise has no overseas warehouse filing ${v.warehouseId}` }, { field: 'warehouseId', value: v.warehouseId });
        }
        if (w.status !== 'approved') {
          throw rejected(
            'overseas.warehouse_not_approved',
            { zh: `海外仓「${w.name}」的备案尚未通过（当前：${w.status}），不能订仓`, en: `the overseas warehouse "${w.name}" is not approved (it is ${w.status}): it takes no bookings` },
            { field: 'warehouseId', value: w.id, status: w.status },
          );
        }
        const row: BookingRow = {
          id,
          enterprise_id: exporter.id,
          enterprise_code: exporter.customsCode,
          booking_no: v.bookingNo,
          warehouse_id: w.id,
          planned_ship_date: v.plannedShipDate,
          transport_mode: v.transportMode,
          status: 'filed',
          goods_fen: v.goodsFen,
          line_count: v.lines.length,
          created_by: by,
          created_at: at,
          updated_at: at,
        };
        await tables(trx).insertInto('overseas_booking').values(row).execute();
        const lines = v.lines.map((l) => ({ booking_id: id, line_no: l.lineNo, item_no: l.itemNo, item_name: l.itemName, gcode: l.gcode, qty_e5: l.qtyE5, unit: l.unit, value_fen: l.valueFen }));
        for (let i = 0; i < lines.length; i += 200) await tables(trx).insertInto('overseas_booking_line').values(lines.slice(i, i + 200)).execute();
        await deps.audit.append(trx, {
          actor: by,
          action: 'overseas.booking.file',
          subject: `overseas_booking:${id}`,
          after: {
            bookingNo: v.bookingNo,
            enterpriseId: exporter.id,
            warehouseId: w.id,
            plannedShipDate: v.plannedShipDate,
            transportMode: v.transportMode,
            goodsValue: formatYuan(v.goodsFen),
            lines: v.lines.map((l) => ({ lineNo: l.lineNo, itemNo: l.itemNo, itemName: l.itemName, gcode: l.gcode, qty: formatQty(l.qtyE5), unit: l.unit, value: formatYuan(l.valueFen) })),
          },
        });
      });
    } catch (e) {
      if (isUniqueViolation(e)) {
        throw conflict('overseas.duplicate_booking_no', { zh: `本企业已有订仓单号 ${v.bookingNo}`, en: `the enterprise already filed booking order ${v.bookingNo}` }, { field: 'bookingNo', value: v.bookingNo });
      }
      throw e;
    }
    // Lists that named the booking before it existed need not wait for their window to close; should this
    // fail, the booking stands and the lists are evaluated on their next document or expire, named.
    await deps.onBookingFiled?.(exporter.customsCode, v.bookingNo).catch(() => undefined);
    return { id, bookingNo: v.bookingNo, status: 'filed' };
  }

  function joined(t: Db) {
    return tables(t)
      .selectFrom('overseas_booking as b')
      .leftJoin('overseas_warehouse as w', 'w.id', 'b.warehouse_id');
  }

  async function list(actor: Principal, f: BookingFilter): Promise<{ items: BookingSummary[]; total: number }> {
    let q = joined(deps.db);
    const scope = enterpriseScope(actor);
    if (scope !== null) q = q.where('b.enterprise_id', '=', scope);
    else if (f.enterpriseId) q = q.where('b.enterprise_id', '=', f.enterpriseId);
    if (f.status) q = q.where('b.status', '=', f.status);
    if (f.warehouseId) q = q.where('b.warehouse_id', '=', f.warehouseId);
    if (f.country) q = q.where('w.country', '=', f.country.trim());
    if (f.q?.trim()) {
      const like = `%${f.q.trim()}%`;
      q = q.where((eb) => eb.or([eb('b.booking_no', 'like', like), eb('w.name', 'like', like), eb('b.enterprise_code', 'like', like.toUpperCase())]));
    }
    const { total } = await q.select(sql<number>`count(*)`.as('total')).executeTakeFirstOrThrow();
    const rows = await q
      .selectAll('b')
      .select(['w.name as warehouse_name', 'w.country as warehouse_country'])
      .orderBy('b.created_at', 'desc')
      .orderBy('b.id')
      .limit(f.limit)
      .offset(f.offset)
      .execute();
    const names = await namesFor(deps, rows.map((r) => r.enterprise_id), rows.flatMap((r) => (r.warehouse_country ? [r.warehouse_country] : [])));
    return {
      items: rows.map((r) => toBooking(r, r.warehouse_name !== null && r.warehouse_country !== null ? { name: r.warehouse_name, country: r.warehouse_country } : null, names)),
      total: Number(total),
    };
  }

  async function get(actor: Principal, id: string): Promise<BookingDetail> {
    const r = await joined(deps.db).selectAll('b').select(['w.name as warehouse_name', 'w.country as warehouse_country']).where('b.id', '=', id).executeTakeFirst();
    const scope = enterpriseScope(actor);
    if (!r || (scope !== null && r.enterprise_id !== scope)) throw bookingNotFound(id);
    const [lines, names] = await Promise.all([
      db.selectFrom('overseas_booking_line').selectAll().where('booking_id', '=', id).orderBy('line_no').execute(),
      namesFor(deps, [r.enterprise_id], r.warehouse_country ? [r.warehouse_country] : []),
    ]);
    const w = r.warehouse_name !== null && r.warehouse_country !== null ? { name: r.warehouse_name, country: r.warehouse_country } : null;
    return { ...toBooking(r, w, names), lines: lines.map(toLine) };
  }

  return { file, list, get };
}

export type BookingService = ReturnType<typeof createBookingService>;
