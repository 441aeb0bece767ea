/**
 * bonded: 1210 bonded stock (保税电商, GACC 2014 No.57; DOMAIN.md §1). A zone warehouse enterprise keeps
 * an account book (账册, `emsNo`) of items (`itemRecordNo`, HS code, declared unit, stock); first-line
 * entry records (一线入区核注) add stock; released 1210 lists take it through the `BondedStock` port and
 * cancellations and returns give it back; every movement is a ledger row.
 *
 * Quantities are exact decimal strings at the edge (at most 5 decimals, as the CEB declares `qty`) and
 * integers in units of 10^-5 inside (quantity.rules.ts). Uses reference (HS and code tables) and the
 * registry's enterprise filings through ports; clearance calls `stock`.
 */
import { createBookService, type BondedDeps } from './book.service.js';
import { createEntryService } from './entry.service.js';
import { bondedMigrations } from './migrations.js';
import { bondedRoutes } from './bonded.routes.js';
import { createBondedStock } from './stock.service.js';

export { bondedMigrations } from './migrations.js';
export type { BondedDeps, BookService, BookFilter, ItemFilter } from './book.service.js';
export type { EntryService, EntryView, LedgerFilter } from './entry.service.js';
export type { BookSummary, BookItem, Movement } from './bonded.store.js';
export type { BondedStock, TakeRequest, TakeResult, GiveBackRequest, GiveBackResult } from './stock.service.js';
export type { StockFailure, TakeLineInput } from './stock.rules.js';
export type { BondedLookup, BondedEnterprises } from './ports.js';
export { BOOK_STATUSES, type BookStatus, type BookInput, type ItemInput, type EntryInput } from './book.rules.js';

export function createBondedModule(deps: BondedDeps) {
  const books = createBookService(deps);
  const entries = createEntryService(deps);
  const stock = createBondedStock(deps);
  return { name: 'bonded', migrations: bondedMigrations, books, entries, stock, routes: bondedRoutes(books, entries) };
}
