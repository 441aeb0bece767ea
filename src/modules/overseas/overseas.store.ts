/**
 * Rows of the overseas tables and their views: the store maps them here, once; services never hand a row out.
 */
import { formatYuan } from '../../kernel/money.js';
import type { Db } from '../../platform/db/database.js';
import { formatQty, type BookingStatus } from './booking.rules.js';
import type { OverseasTables } from './migrations.js';
import { formatArea, type ProofType, type Tenure, type WarehouseStatus } from './warehouse.rules.js';

export type WarehouseRow = OverseasTables['overseas_warehouse'];
export type VersionRow = OverseasTables['overseas_warehouse_version'];
export type ProofRow = OverseasTables['overseas_proof'];
export type BookingRow = OverseasTables['overseas_booking'];
export type BookingLineRow = OverseasTables['overseas_booking_line'];

export const tables = (db: Db) => db.withTables<OverseasTables>();

export interface WarehouseSummary {
  id: string;
  enterpriseId: string;
  /** The filer's customs code when it filed. */
  enterpriseCode: string;
  enterpriseName: string | null;
  name: string;
  /** Customs country code, 3 digits. */
  country: string;
  countryName: string | null;
  address: string;
  /** Floor area in m², decimal string. */
  areaSqm: string;
  operatorName: string;
  tenure: Tenure;
  leaseEnds: string | null;
  status: WarehouseStatus;
  version: number;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

/** The proof file's facts (never its bytes). */
export interface ProofInfo {
  fileName: string;
  contentType: ProofType;
  /** Bytes. */
  size: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: string;
}

/** What one submitted version said: the warehouse data and the proof it came with. */
export interface WarehouseVersionData {
  name: string;
  country: string;
  address: string;
  areaSqm: string;
  operatorName: string;
  tenure: Tenure;
  leaseEnds: string | null;
  proof: { fileName: string; contentType: ProofType; size: number; sha256: string };
}

export interface WarehouseVersion {
  version: number;
  data: WarehouseVersionData;
  status: WarehouseStatus;
  submittedBy: string;
  submittedAt: string;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}

export interface WarehouseFiling extends WarehouseSummary {
  proof: ProofInfo;
  /** Newest first. */
  history: WarehouseVersion[];
}

export interface BookingSummary {
  id: string;
  bookingNo: string;
  enterpriseId: string;
  enterpriseCode: string;
  enterpriseName: string | null;
  warehouseId: string;
  warehouseName: string | null;
  country: string | null;
  countryName: string | null;
  plannedShipDate: string;
  transportMode: string | null;
  status: BookingStatus;
  /** Sum of the lines' values, yuan as a decimal string. */
  goodsValue: string;
  lineCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BookingLineView {
  lineNo: number;
  itemNo: string | null;
  itemName: string;
  gcode: string;
  qty: string;
  unit: string;
  /** Yuan, decimal string. */
  value: string;
}

export interface BookingDetail extends BookingSummary {
  lines: BookingLineView[];
}

export interface Names {
  enterprise: (id: string) => string | null;
  country: (code: string) => string | null;
}

export const toWarehouse = (r: WarehouseRow, names: Names): WarehouseSummary => ({
  id: r.id,
  enterpriseId: r.enterprise_id,
  enterpriseCode: r.enterprise_code,
  enterpriseName: names.enterprise(r.enterprise_id),
  name: r.name,
  country: r.country,
  countryName: names.country(r.country),
  address: r.address,
  areaSqm: formatArea(Number(r.area_centi)),
  operatorName: r.operator_name,
  tenure: r.tenure as Tenure,
  leaseEnds: r.lease_ends,
  status: r.status as WarehouseStatus,
  version: Number(r.version),
  rejectReason: r.reject_reason,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toProofInfo = (r: Omit<ProofRow, 'bytes'>): ProofInfo => ({
  fileName: r.file_name,
  contentType: r.content_type as ProofType,
  size: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

export const toVersion = (r: VersionRow): WarehouseVersion => ({
  version: Number(r.version),
  data: JSON.parse(r.data_json) as WarehouseVersionData,
  status: r.status as WarehouseStatus,
  submittedBy: r.submitted_by,
  submittedAt: r.submitted_at,
  decidedBy: r.decided_by,
  decidedAt: r.decided_at,
  reason: r.reason,
});

export const toBooking = (r: BookingRow, w: { name: string; country: string } | null, names: Names): BookingSummary => ({
  id: r.id,
  bookingNo: r.booking_no,
  enterpriseId: r.enterprise_id,
  enterpriseCode: r.enterprise_code,
  enterpriseName: names.enterprise(r.enterprise_id),
  warehouseId: r.warehouse_id,
  warehouseName: w?.name ?? null,
  country: w?.country ?? null,
  countryName: w ? names.country(w.country) : null,
  plannedShipDate: r.planned_ship_date,
  transportMode: r.transport_mode,
  status: r.status as BookingStatus,
  goodsValue: formatYuan(Number(r.goods_fen)),
  lineCount: Number(r.line_count),
  createdBy: r.created_by,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const toLine = (r: BookingLineRow): BookingLineView => ({
  lineNo: Number(r.line_no),
  itemNo: r.item_no,
  itemName: r.item_name,
  gcode: r.gcode,
  qty: formatQty(Number(r.qty_e5)),
  unit: r.unit,
  value: formatYuan(Number(r.value_fen)),
});

/** The proof columns other than the bytes, for views. */
export const PROOF_INFO_COLUMNS = ['id', 'warehouse_id', 'file_name', 'content_type', 'size_bytes', 'sha256', 'uploaded_by', 'uploaded_at'] as const;
