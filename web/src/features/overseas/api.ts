/**
 * The 9810 overseas-warehouse API as the console reads it: warehouse filings (海外仓备案) with their proof
 * file and review, the zone's count against the plan's target, and booking orders (订仓单).
 */
import { ApiError, http, tokenStore, type Query } from '../../api/client';
import type { FilingStatus, HistoryEntry, Page } from '../../api/types';

export const TENURES = ['own', 'lease'] as const;
export type Tenure = (typeof TENURES)[number];
export const PROOF_TYPES = ['application/pdf', 'image/png', 'image/jpeg'] as const;
export type ProofType = (typeof PROOF_TYPES)[number];
/** The largest proof file the server accepts, bytes (5 MB). */
export const MAX_PROOF_BYTES = 5 * 1024 * 1024;

export interface ProofUpload {
  fileName: string;
  contentType: string;
  contentBase64: string;
}

export interface WarehouseInput {
  name: string;
  country: string;
  address: string;
  areaSqm: string;
  operatorName: string;
  tenure: Tenure;
  leaseEnds?: string | null;
  /** Required when filing; on a resubmission, absent keeps the current file. */
  proof?: ProofUpload;
}

export interface Warehouse {
  id: string;
  enterpriseId: string;
  enterpriseCode: string;
  enterpriseName: string | null;
  name: string;
  country: string;
  countryName: string | null;
  address: string;
  areaSqm: string;
  operatorName: string;
  tenure: Tenure;
  leaseEnds: string | null;
  status: FilingStatus;
  version: number;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface ProofMeta {
  fileName: string;
  contentType: ProofType;
  size: number;
  sha256: string;
}

export interface WarehouseVersionData extends Omit<WarehouseInput, 'proof'> {
  proof: ProofMeta;
}

export interface WarehouseDetail extends Warehouse {
  proof: ProofMeta & { uploadedBy: string; uploadedAt: string };
  history: HistoryEntry<WarehouseVersionData>[];
}

export interface WarehouseStats {
  approved: number;
  pending: number;
  rejected: number;
  byCountry: Array<{ country: string; name: string | null; count: number }>;
  target: number;
}

export interface BookingLineInput {
  itemNo?: string;
  itemName: string;
  gcode: string;
  qty: string;
  unit: string;
  value: string;
}

export interface BookingInput {
  bookingNo: string;
  warehouseId: string;
  plannedShipDate: string;
  transportMode?: string;
  lines: BookingLineInput[];
}

export interface Booking {
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
  status: 'filed';
  goodsValue: string;
  lineCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export interface BookingDetail extends Booking {
  lines: Array<{ lineNo: number; itemNo: string | null; itemName: string; gcode: string; qty: string; unit: string; value: string }>;
}

const enc = encodeURIComponent;

export const overseasApi = {
  warehouses: (q: Query) => http.get<Page<Warehouse>>('/overseas-warehouses', q),
  warehouse: (id: string) => http.get<WarehouseDetail>(`/overseas-warehouses/${enc(id)}`),
  stats: () => http.get<WarehouseStats>('/overseas-warehouses/stats'),
  file: (body: WarehouseInput) => http.post<{ id: string; status: 'pending' }>('/overseas-warehouses', body),
  resubmit: (id: string, body: WarehouseInput) => http.put<{ id: string; status: 'pending'; version: number }>(`/overseas-warehouses/${enc(id)}`, body),
  decide: (id: string, d: { decision: 'approve' | 'reject'; reason?: string }) => http.post<WarehouseDetail>(`/overseas-warehouses/${enc(id)}/decision`, d),
  bookings: (q: Query) => http.get<Page<Booking>>('/overseas-bookings', q),
  booking: (id: string) => http.get<BookingDetail>(`/overseas-bookings/${enc(id)}`),
  fileBooking: (body: BookingInput) => http.post<{ id: string; bookingNo: string; status: 'filed' }>('/overseas-bookings', body),
};

/**
 * Downloads a filing's proof file (of the current version, or of `version`) with the session's token and
 * saves it under the name the server gives, which carries the verified type's extension.
 */
export async function downloadProof(id: string, version?: number): Promise<void> {
  const token = tokenStore.get();
  const res = await fetch(`/api/v1/overseas-warehouses/${enc(id)}/proof${version ? `?version=${version}` : ''}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} });
  if (!res.ok) {
    const body = (await res.json().catch(() => null)) as { error?: { code: string; message: { zh: string; en: string }; details: Record<string, unknown> | null; requestId: string } } | null;
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `http.${res.status}`, e?.message ?? { zh: `下载失败（HTTP ${res.status}）`, en: `download failed (HTTP ${res.status})` }, e?.details ?? null, e?.requestId ?? null);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const name = star ? decodeURIComponent(star[1]!) : 'proof';
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** A chosen file as the API takes it: its name, its type as the browser reports it, and its bytes in base64. */
export function readProof(file: File): Promise<ProofUpload> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onerror = () => reject(reader.error ?? new Error('the file cannot be read'));
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve({ fileName: file.name, contentType: file.type, contentBase64: url.slice(url.indexOf(',') + 1) });
    };
    reader.readAsDataURL(file);
  });
}
