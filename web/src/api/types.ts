/** Shapes of the public API (DESIGN.md §6 and the OpenAPI at /api/docs), as the console reads them. */
import type { Text } from './client';

export interface Page<T> {
  items: T[];
  total: number;
}

export const ROLES = ['admin', 'customs', 'commerce', 'tax', 'forex', 'market', 'postal', 'bank', 'enterprise'] as const;
export type Role = (typeof ROLES)[number];

export const ENTERPRISE_ROLES = ['ebp', 'ebc', 'payment', 'logistics', 'agent', 'warehouse', 'guarantor', 'overseas_warehouse', 'service'] as const;
export type EnterpriseRole = (typeof ENTERPRISE_ROLES)[number];

export const FILING_STATUSES = ['pending', 'approved', 'rejected'] as const;
export type FilingStatus = (typeof FILING_STATUSES)[number];

export interface SessionUser {
  username: string;
  role: Role;
  enterpriseId: string | null;
}
export interface LoginResult {
  token: string;
  expiresAt: string;
  user: SessionUser;
}
export interface Me extends SessionUser {
  kind: string;
  id: string;
}

export interface User {
  id: string;
  username: string;
  role: Role;
  enterpriseId: string | null;
  displayName: string | null;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export interface ApiKey {
  id: string;
  prefix: string;
  enterpriseId: string;
  label: string;
  createdBy: string;
  createdAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
}
export interface NewApiKey {
  key: string;
  id: string;
  prefix: string;
}

export interface Contact {
  name?: string;
  phone?: string;
  email?: string;
  address?: string;
}
export interface EnterpriseInput {
  name: string;
  uscc: string;
  customsCode: string;
  roles: EnterpriseRole[];
  district?: string;
  contact?: Contact;
  /** Regulators only: file a legal early-pilot USCC whose check character fails, with a warning. */
  acceptUsccCheckFailure?: boolean;
}
export interface EnterpriseSummary {
  id: string;
  name: string;
  uscc: string;
  customsCode: string;
  roles: EnterpriseRole[];
  district: string | null;
  status: FilingStatus;
  version: number;
  /** An approved version exists (and stays in force while a change is pending or rejected). */
  approved?: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface Warning {
  code: string;
  field?: string;
  message: Text;
  value?: unknown;
}
export interface HistoryEntry<D> {
  version: number;
  data: D;
  status: FilingStatus;
  submittedBy: string | null;
  submittedAt: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  reason: string | null;
}
export interface EnterpriseDetail extends EnterpriseSummary {
  contact: Contact | null;
  rejectReason: string | null;
  warnings?: Warning[];
  history?: HistoryEntry<EnterpriseInput>[];
}
export interface FilingCreated {
  id: string;
  status: FilingStatus;
  version?: number;
  warnings?: Warning[];
}
export interface RegisterResult extends FilingCreated {
  warnings?: Warning[];
  username: string;
}

export interface ProductInput {
  itemNo: string;
  itemName: string;
  gcode: string;
  gmodel: string;
  country: string;
  unit: string;
  price?: string;
  barCode?: string;
}
export interface ProductSummary extends ProductInput {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  price?: string;
  unit1?: string;
  unit2?: string | null;
  status: FilingStatus;
  version: number;
  approved?: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface ProductDetail extends ProductSummary {
  rejectReason?: string | null;
  warnings?: Warning[];
  history?: HistoryEntry<ProductInput>[];
}

export interface Decision {
  decision: 'approve' | 'reject';
  reason?: string;
}

export interface Tariff {
  gcode: string;
  name: string | null;
  dutyRate: string;
  vatRate: string;
  consumptionRate: string;
  positiveList: boolean;
  yearlyCapQty: string | null;
  yearlyCapUnit: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
  note: string | null;
  updatedBy?: string;
  updatedAt?: string;
}
export interface TariffDetail extends Tariff {
  history?: Tariff[];
}
export interface TariffInput {
  vatRate: string;
  consumptionRate: string;
  dutyRate: string;
  positiveList: boolean;
  yearlyCapQty?: string | null;
  yearlyCapUnit?: string | null;
  effectiveFrom?: string;
  note?: string | null;
}

export const CODE_TABLES = ['countries', 'currencies', 'units', 'districts', 'transport-modes', 'packaging'] as const;
export type CodeTable = (typeof CODE_TABLES)[number];
export interface CodeEntry {
  code: string;
  name: string;
  nameEn: string | null;
  effectiveFrom: string | null;
  effectiveTo: string | null;
}
export interface HsCode {
  code: string;
  name: string;
  unit1: string | null;
  unit2: string | null;
  elements: string[];
}
export interface RegulationVersion {
  version: string | number;
  effectiveFrom: string;
  note: string | null;
  params: Record<string, unknown>;
}
export interface Regulation {
  items: RegulationVersion[];
  current: string | number | RegulationVersion | null;
}

export interface AuditRecord {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  before: unknown;
  after: unknown;
  hash: string;
}
export interface AuditVerify {
  ok: boolean;
  count: number;
  head?: string;
  brokenAt?: number;
  reason?: string;
}

export const BOOK_STATUSES = ['active', 'suspended', 'closed'] as const;
export type BookStatus = (typeof BOOK_STATUSES)[number];
export interface BondedBook {
  id: string;
  emsNo: string;
  enterpriseId: string;
  enterpriseCode: string;
  enterpriseName: string | null;
  district: string;
  name: string;
  status: BookStatus;
  statusReason: string | null;
  itemCount: number;
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}
export interface BondedBookInput {
  emsNo: string;
  name: string;
  district: string;
  enterpriseId?: string;
}
export interface BondedItem {
  id: string;
  itemRecordNo: string;
  gcode: string;
  goodsName: string;
  unit: string;
  /** Exact decimal string in the declared unit. */
  stock: string;
  createdAt: string;
  updatedAt: string;
}
export interface BondedItemInput {
  itemRecordNo: string;
  gcode: string;
  goodsName: string;
  unit: string;
}
export interface BondedEntryInput {
  entryNo: string;
  entryDate: string;
  lines: Array<{ itemRecordNo: string; qty: string }>;
  note?: string | null;
}
export interface BondedEntry {
  id: string;
  entryNo: string;
  entryDate: string;
  note: string | null;
  createdBy: string;
  createdAt: string;
  lines: Array<{ lineNo: number; itemRecordNo: string; qty: string }>;
}
export const MOVEMENT_KINDS = ['entry', 'take', 'give_back'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export interface BondedMovement {
  seq: number;
  itemRecordNo: string;
  kind: MovementKind;
  reason: string | null;
  ref: string;
  line: number;
  /** Signed exact decimal: positive into the book, negative out. */
  qty: string;
  stockAfter: string;
  at: string;
  recordedAt: string;
  actor: string;
}

export const PUSH_KINDS = ['order', 'payment'] as const;
export type PushKind = (typeof PUSH_KINDS)[number];
export const UNDERTAKING_STATUSES = ['pending', 'approved', 'rejected', 'revoked'] as const;
export type UndertakingStatus = (typeof UNDERTAKING_STATUSES)[number];
export interface UndertakingInput {
  kinds: PushKind[];
  allOwners?: boolean;
  ownerCodes?: string[];
  validFrom: string;
  validTo: string;
  letterNo?: string | null;
  note?: string | null;
}
export interface Undertaking {
  id: string;
  enterpriseId: string;
  enterpriseName: string | null;
  enterpriseCode: string | null;
  kinds: PushKind[];
  allOwners: boolean;
  ownerCodes: string[];
  validFrom: string;
  validTo: string;
  letterNo: string | null;
  note: string | null;
  status: UndertakingStatus;
  rejectReason: string | null;
  decidedBy: string | null;
  decidedAt: string | null;
  revokedBy: string | null;
  revokedAt: string | null;
  revokeReason: string | null;
  warnings: Warning[];
  createdBy: string;
  createdAt: string;
  updatedAt: string;
}

export * from './clearanceTypes';
