/** What the bonded module needs from the rest of the platform, as narrow interfaces compose.ts fills in. */

/** Reference data; the reference module's lookup satisfies it. */
export interface BondedLookup {
  hs(code: string, date?: string): Promise<{ code: string; name: string } | null>;
  code(table: 'unit' | 'district', code: string, date?: string): Promise<{ code: string; name: string } | null>;
}

/** Enterprise filings; the registry's enterprise service satisfies it. */
export interface BondedEnterprises {
  summary(id: string): Promise<{ id: string; name: string; customsCode: string; roles: string[]; approved: boolean } | null>;
}
