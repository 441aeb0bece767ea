/**
 * The overseas module's edges: what it needs from the rest of the platform (narrow interfaces compose.ts
 * fills in), and the look-up port it offers clearance for 9810 declarations.
 */

/** Reference data; the reference module's lookup satisfies it. */
export interface OverseasReference {
  hs(code: string, date?: string): Promise<{ code: string; name: string } | null>;
  code(table: 'country' | 'unit' | 'transport', code: string, date?: string): Promise<{ code: string; name: string; nameEn: string | null } | null>;
}

/** Enterprise filings; the registry's enterprise service satisfies it. */
export interface OverseasEnterprises {
  /** The filing behind a 10-digit customs code or an 18-character USCC, or null. */
  byCode(code: string): Promise<{ id: string; name: string; customsCode: string; roles: string[]; approved: boolean } | null>;
  summary(id: string): Promise<{ id: string; name: string; customsCode: string; roles: string[]; approved: boolean } | null>;
}

/**
 * A booking order (订仓单) as clearance sees it when a 9810 declaration names it (attached document type
 * 10000004 on the 报关单, or the list's booking number): whose it is, which overseas warehouse it goes to
 * and whether that warehouse's filing is approved, and the booked goods value.
 */
export interface BookingRef {
  bookingNo: string;
  enterpriseId: string;
  warehouseId: string;
  warehouseName: string;
  /** Customs country code (3 digits) of the warehouse. */
  country: string;
  /** The warehouse filing (海外仓备案) is approved now. */
  warehouseApproved: boolean;
  /** Sum of the booking lines' values, integer fen (CNY). */
  goodsFen: number;
}

/**
 * The port clearance reads for 9810 (GACC 2020 No.75): read-only, outside any transaction (compose builds
 * it over the reader, so it may be asked while another transaction holds the writer).
 */
export interface OverseasLookup {
  /**
   * The booking `bookingNo` filed by the exporter named by `ownerCodeOrUscc` (its 10-digit customs code or
   * 18-character USCC), or null when the exporter or the booking is unknown.
   */
  booking(ownerCodeOrUscc: string, bookingNo: string): Promise<BookingRef | null>;
  /** How many approved overseas warehouse filings the enterprise holds. */
  approvedWarehouses(enterpriseId: string): Promise<number>;
}
