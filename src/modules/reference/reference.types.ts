/** The reference module's public shapes: code tables, HS lines, tariffs, and the narrow read interface. */
import type { RegulationVersion } from '../../kernel/regulation.js';
import type { IsoDate } from './versioning.rules.js';

/** The code tables the platform keeps, by their service name. */
export const CODE_TABLES = ['country', 'currency', 'unit', 'district', 'transport', 'packaging'] as const;
export type CodeTable = (typeof CODE_TABLES)[number];

/** The same tables as they appear in URLs (`/api/v1/reference/codes/{path}`). */
export const CODE_TABLE_PATHS: Record<string, CodeTable> = {
  countries: 'country',
  currencies: 'currency',
  units: 'unit',
  districts: 'district',
  'transport-modes': 'transport',
  packaging: 'packaging',
};

/** One code's definition. For currencies `nameEn` is the ISO 4217 code (HKD, USD). */
export interface CodeEntry {
  code: string;
  name: string;
  nameEn: string | null;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

/** A 10-digit HS line with its legal units (unit codes) and declared elements (申报要素), in order. */
export interface HsCode {
  code: string;
  name: string;
  unit1: string;
  unit2: string | null;
  elements: string[];
}

export interface HsEntry extends HsCode {
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
}

/**
 * One version of an HS code's tax treatment. Rates are decimal strings between 0 and 1, normalised
 * ("0.13"): `dutyRate` is the MFN customs duty (levied in full only outside the retail limits), `vatRate`
 * and `consumptionRate` the statutory rates (70 % of them within limits, 财关税〔2018〕49号).
 * `positiveList`: the line is on the retail import list. A yearly cap is a per-person quantity in a unit
 * code (sugar 2 kg: "2", "035").
 */
export interface Tariff {
  gcode: string;
  /** The HS line's name in force on the day asked (today for history), when the HS table has it. */
  name: string | null;
  dutyRate: string;
  vatRate: string;
  consumptionRate: string;
  positiveList: boolean;
  yearlyCapQty: string | null;
  yearlyCapUnit: string | null;
  note: string | null;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  updatedBy: string;
  updatedAt: string;
}

/** An operator's tariff edit: the treatment from `effectiveFrom` (default: today) on. */
export interface TariffInput {
  dutyRate?: string;
  vatRate?: string;
  consumptionRate?: string;
  positiveList: boolean;
  yearlyCapQty?: string | null;
  yearlyCapUnit?: string | null;
  effectiveFrom?: IsoDate;
  note?: string | null;
}

export interface CodeInput {
  name: string;
  nameEn?: string | null;
  effectiveFrom?: IsoDate;
  /** `undefined`: keep the end the code already has; `null`: open-ended. */
  effectiveTo?: IsoDate | null;
}

export interface HsInput {
  name: string;
  unit1: string;
  unit2?: string | null;
  elements?: string[];
  effectiveFrom?: IsoDate;
  effectiveTo?: IsoDate | null;
}

export interface RegulationInput {
  effectiveFrom: IsoDate;
  note: string;
  /** Parameters that change; the rest are taken from the version in force on `effectiveFrom`. */
  params: Record<string, unknown>;
  version?: string;
}

/**
 * What other modules read (registry: filing checks; clearance: tax, caps, limits). Dates are Asia/Shanghai
 * calendar days, YYYY-MM-DD; absent means today. Answers are cached briefly in memory and refreshed on
 * every write in this process.
 */
export interface ReferenceLookup {
  /** The HS line in force, or null when the code is unknown or retired on that day. */
  hs(code: string, date?: IsoDate): Promise<HsCode | null>;
  /** The code's definition in force, or null. */
  code(table: CodeTable, code: string, date?: IsoDate): Promise<CodeEntry | null>;
  /** The tariff version in force, or null when the line has none. */
  tariffAt(gcode: string, date?: IsoDate): Promise<Tariff | null>;
  /** The regulation parameters in force; throws `regulation.no_version` before the first version. */
  regulationAt(date?: IsoDate): Promise<RegulationVersion>;
}
