/** Export tax records (无票免税 records, 核定征收 deemed income, rebate declarations): shapes and calls. */
import { http, type Query } from '../../api/client';
import type { Page } from '../../api/types';

/** One exported goods line of a released list or B2B declaration. */
export interface TaxRecord {
  date: string;
  source: 'list' | 'entry';
  invtNo: string | null;
  entryId: string | null;
  ebcCode: string;
  gnum: number;
  goodsName: string;
  gcode: string;
  unit: string;
  unitName: string | null;
  qty: string;
  unitPrice: string;
  amount: string;
  /** Customs currency code (142 = CNY); amounts are in it, never converted. */
  currency: string;
  currencyName: string | null;
  returned: boolean;
  returnedQty: string | null;
}

export interface DeemedIncomeRow {
  ebcCode: string;
  enterpriseName: string | null;
  currency: string;
  currencyName: string | null;
  exportAmount: string;
  returnedAmount: string;
  taxableBase: string;
  /** null for currencies other than CNY. */
  deemedIncome: string | null;
}

export interface DeemedIncome {
  year: number;
  rate: string;
  items: DeemedIncomeRow[];
}

export interface RebateDeclaration {
  entryId: string;
  source: 'summary' | 'entry';
  ebcCode: string;
  date: string;
  currency: string;
  currencyName: string | null;
  goodsValue: string;
  returned: string;
  collected: string;
  fullyCollected: boolean;
}

export const exportTaxApi = {
  records: (q: Query) => http.get<Page<TaxRecord>>('/export/tax-records', q),
  deemedIncome: (q: Query) => http.get<DeemedIncome>('/export/deemed-income', q),
  rebate: (q: Query) => http.get<Page<RebateDeclaration>>('/export/rebate', q),
};

/** The .xlsx downloads, by tab: the same filters as the table, no paging. */
export const XLSX_PATHS = {
  records: '/export/tax-records.xlsx',
  deemed: '/export/deemed-income.xlsx',
  rebate: '/export/rebate.xlsx',
} as const;
