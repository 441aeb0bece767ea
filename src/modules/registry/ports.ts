/** What the registry needs from reference data; the reference module's lookup satisfies it. */
export interface RegistryLookup {
  hs(code: string, date?: string): Promise<{ code: string; name: string; unit1: string; unit2: string | null; elements: string[] } | null>;
  code(table: 'country' | 'unit' | 'district', code: string, date?: string): Promise<{ code: string; name: string } | null>;
}
