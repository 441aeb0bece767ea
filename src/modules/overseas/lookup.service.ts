/**
 * The 9810 look-up port clearance reads: a booking order by the exporter's code and the booking number,
 * and how many approved overseas warehouses an enterprise holds. Read-only, on the reader.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db/database.js';
import { tables } from './overseas.store.js';
import type { OverseasEnterprises, OverseasLookup } from './ports.js';

export function createOverseasLookup(deps: { db: Db; enterprises: OverseasEnterprises }): OverseasLookup {
  const db = tables(deps.db);
  return {
    async booking(ownerCodeOrUscc, bookingNo) {
      const code = ownerCodeOrUscc.trim().toUpperCase();
      const no = bookingNo.trim();
      if (!code || !no) return null;
      const owner = await deps.enterprises.byCode(code);
      if (!owner) return null;
      const r = await db
        .selectFrom('overseas_booking as b')
        .innerJoin('overseas_warehouse as w', 'w.id', 'b.warehouse_id')
        .select(['b.booking_no', 'b.enterprise_id', 'b.warehouse_id', 'b.goods_fen', 'w.name', 'w.country', 'w.status'])
        .where('b.enterprise_id', '=', owner.id)
        .where('b.booking_no', '=', no)
        .executeTakeFirst();
      if (!r) return null;
      return {
        bookingNo: r.booking_no,
        enterpriseId: r.enterprise_id,
        warehouseId: r.warehouse_id,
        warehouseName: r.name,
        country: r.country,
        warehouseApproved: r.status === 'approved',
        goodsFen: Number(r.goods_fen),
      };
    },
    async approvedWarehouses(enterpriseId) {
      const r = await db.selectFrom('overseas_warehouse').select(sql<number>`count(*)`.as('n')).where('enterprise_id', '=', enterpriseId).where('status', '=', 'approved').executeTakeFirstOrThrow();
      return Number(r.n);
    },
  };
}
