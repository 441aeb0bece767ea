/**
 * Every rule that regulation fixes (limits, rates, factors, windows, tolerances) lives here as one versioned
 * table with effective dates, so that a declaration is judged by the rules in force on its date. The store
 * keeps operator edits (reference module); these built-in versions are the starting table.
 *
 * Sources: DOMAIN.md §3–§6 (财关税〔2016〕18号, 财关税〔2018〕49号, GACC 2020 No.45, 财政部 税务总局 海关总署公告2019年第39号).
 */
import { compareDecimal, isDecimalString } from './money.js';
import { invalid } from './errors.js';

export interface RegulationParams {
  /** Single-transaction limit on the dutiable price, fen. */
  singleLimitFen: number;
  /** Annual personal quota on the dutiable price, fen. */
  annualLimitFen: number;
  /** Share of statutory VAT and consumption tax levied within limits (decimal string, "0.7"). */
  retailTaxFactor: string;
  /** Customs duty rate within limits (decimal string, "0"). */
  retailDutyRate: string;
  /** Default VAT rate where the tariff gives none (decimal string). */
  defaultVatRate: string;
  /** Whether `discount` reduces the dutiable price (unverified in regulation: configurable). */
  discountReducesDutiable: boolean;
  /** Whether the limits count freight and insurance (they do: the dutiable price). */
  limitsCountFreight: boolean;
  /** Tolerance on computed amounts (goods value, tax, actual payment) as a share, decimal string ("0.05"). */
  amountTolerance: string;
  /** Absolute tolerance on order vs payment amounts, fen. */
  paymentToleranceFen: number;
  /** How long a list waits for its documents before rejection, hours. */
  matchWindowHours: number;
  /** Days after release within which an import return restores quota and waives tax. */
  returnWindowDays: number;
  /** Days after release within which returned goods must reach the site. */
  returnArrivalDays: number;
  /** Months within which unchanged export goods may come back tax free. */
  exportReturnMonths: number;
  /** Filed price deviation that draws a warning (decimal share, "0.3"). */
  priceDeviationWarn: string;
  /** Deemed taxable income rate for exports without purchase invoices (decimal string, "0.04"). */
  deemedIncomeRate: string;
  /** Export simplified-list ceiling (statisticsFlag A), fen. */
  simplifiedListLimitFen: number;
  /** Day of the following month by which released export lists must be summarised (unverified: "the 15th"). */
  summaryDeadlineDay: number;
  /**
   * What the lists of one summary declaration must share (DOMAIN.md §5, unverified), comma-separated from
   * SUMMARY_GROUP_FIELDS; the consignor (and under summaryFlag 2 the producer) always, HS and currency by item.
   */
  summaryGroupBy: string;
  /** HS chapters whose goods may not come back as export returns (food), as "01-24" or "02,03,16-22". */
  exportReturnExcludedChapters: string;
}

/** The fields a summary's lists may be required to share (regulation parameter summaryGroupBy). */
export const SUMMARY_GROUP_FIELDS = ['agent', 'customs', 'port', 'country', 'traf', 'currency', 'period'] as const;

export interface RegulationVersion {
  version: string;
  effectiveFrom: string; // YYYY-MM-DD, Asia/Shanghai calendar date
  note: string;
  params: RegulationParams;
}

const base2016: RegulationParams = {
  singleLimitFen: 200_000,
  annualLimitFen: 2_000_000,
  retailTaxFactor: '0.7',
  retailDutyRate: '0',
  defaultVatRate: '0.17',
  discountReducesDutiable: false,
  limitsCountFreight: true,
  amountTolerance: '0.05',
  paymentToleranceFen: 0,
  matchWindowHours: 24,
  returnWindowDays: 30,
  returnArrivalDays: 45,
  exportReturnMonths: 6,
  priceDeviationWarn: '0.3',
  deemedIncomeRate: '0.04',
  simplifiedListLimitFen: 500_000,
  summaryDeadlineDay: 15,
  summaryGroupBy: 'agent,customs,port,country,traf,currency,period',
  exportReturnExcludedChapters: '01-24',
};

/** Every parameter's starting value: versions stored before a parameter existed read it from here. */
export const REGULATION_DEFAULTS: Readonly<RegulationParams> = base2016;

/** The built-in table, oldest first. */
export const BUILT_IN_REGULATION: readonly RegulationVersion[] = [
  { version: '2016-04', effectiveFrom: '2016-04-08', note: '财关税〔2016〕18号: 2,000 / 20,000', params: base2016 },
  { version: '2018-05', effectiveFrom: '2018-05-01', note: 'VAT 17 % → 16 %', params: { ...base2016, defaultVatRate: '0.16' } },
  {
    version: '2019-01',
    effectiveFrom: '2019-01-01',
    note: '财关税〔2018〕49号: 5,000 / 26,000',
    params: { ...base2016, defaultVatRate: '0.16', singleLimitFen: 500_000, annualLimitFen: 2_600_000 },
  },
  {
    version: '2019-04',
    effectiveFrom: '2019-04-01',
    note: 'VAT 16 % → 13 % (公告2019年第39号)',
    params: { ...base2016, defaultVatRate: '0.13', singleLimitFen: 500_000, annualLimitFen: 2_600_000 },
  },
];

/** The version in force on `date` (YYYY-MM-DD). Versions must be sorted by effectiveFrom. */
export function regulationAt(versions: readonly RegulationVersion[], date: string): RegulationVersion {
  let found: RegulationVersion | undefined;
  for (const v of versions) if (v.effectiveFrom <= date) found = v;
  if (!found) {
    throw invalid('regulation.no_version', {
      zh: `${date} 没有生效的监管参数`,
      en: `no regulation parameters in force on ${date}`,
    }, { date });
  }
  return found;
}

const DECIMAL_KEYS = ['retailTaxFactor', 'retailDutyRate', 'defaultVatRate', 'amountTolerance', 'priceDeviationWarn', 'deemedIncomeRate'] as const;
const INT_KEYS = ['singleLimitFen', 'annualLimitFen', 'paymentToleranceFen', 'matchWindowHours', 'returnWindowDays', 'returnArrivalDays', 'exportReturnMonths', 'simplifiedListLimitFen', 'summaryDeadlineDay'] as const;
const BOOL_KEYS = ['discountReducesDutiable', 'limitsCountFreight'] as const;
const TEXT_KEYS = ['summaryGroupBy', 'exportReturnExcludedChapters'] as const;
const CHAPTERS = /^\d{2}(-\d{2})?(,\d{2}(-\d{2})?)*$/;

/** The HS chapters a parameter like "01-24" or "02,16-22" names. */
export function chaptersOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const part of text.split(',').filter(Boolean)) {
    const [a, b] = part.split('-').map(Number) as [number, number | undefined];
    for (let c = a; c <= (b ?? a); c++) out.add(String(c).padStart(2, '0'));
  }
  return out;
}

/** Checks a full parameter set from outside (operator edit); throws `regulation.invalid_param` naming the field. */
export function validateRegulationParams(input: Record<string, unknown>): RegulationParams {
  const bad = (field: string, en: string, zh: string) =>
    invalid('regulation.invalid_param', { zh: `参数 ${field} ${zh}`, en: `parameter ${field} ${en}` }, { field, value: input[field] });
  for (const k of DECIMAL_KEYS) {
    const v = input[k];
    if (typeof v !== 'string' || !isDecimalString(v) || compareDecimal(v, '0') < 0 || compareDecimal(v, '1') > 0) {
      throw bad(k, 'must be a decimal string between 0 and 1', '必须是 0 到 1 之间的十进制字符串');
    }
  }
  for (const k of INT_KEYS) {
    const v = input[k];
    if (typeof v !== 'number' || !Number.isSafeInteger(v) || v < 0) throw bad(k, 'must be a non-negative integer', '必须是非负整数');
  }
  for (const k of BOOL_KEYS) {
    if (typeof input[k] !== 'boolean') throw bad(k, 'must be true or false', '必须是 true 或 false');
  }
  const day = input.summaryDeadlineDay as number;
  if (day < 1 || day > 28) throw bad('summaryDeadlineDay', 'must be a day of the month from 1 to 28', '必须是 1 到 28 之间的日期');
  const groupBy = input.summaryGroupBy;
  if (typeof groupBy !== 'string' || !groupBy.split(',').filter(Boolean).every((f) => (SUMMARY_GROUP_FIELDS as readonly string[]).includes(f))) {
    throw bad('summaryGroupBy', `must list fields from ${SUMMARY_GROUP_FIELDS.join(',')}`, `只能列出 ${SUMMARY_GROUP_FIELDS.join(',')} 中的字段`);
  }
  if (typeof input.exportReturnExcludedChapters !== 'string' || (input.exportReturnExcludedChapters !== '' && !CHAPTERS.test(input.exportReturnExcludedChapters))) {
    throw bad('exportReturnExcludedChapters', 'must list HS chapters such as 01-24 or 02,16-22', '必须是 01-24 或 02,16-22 这样的税则章号');
  }
  const out = {} as Record<string, unknown>;
  for (const k of [...DECIMAL_KEYS, ...INT_KEYS, ...BOOL_KEYS, ...TEXT_KEYS]) out[k] = input[k];
  return out as unknown as RegulationParams;
}
