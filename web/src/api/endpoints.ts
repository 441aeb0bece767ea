/** Every API call the console makes, one typed function each. */
import { http, request, type Query } from './client';
import type * as T from './types';
import type * as X from './exportTypes';

const enc = encodeURIComponent;

export const authApi = {
  login: (username: string, password: string) => request<T.LoginResult>('POST', '/auth/login', { body: { username, password }, auth: false }),
  logout: () => http.post<void>('/auth/logout'),
  me: () => http.get<T.Me>('/auth/me'),
  health: () => request<{ status: string }>('GET', '/health', { auth: false }),
};

export const usersApi = {
  list: (q: Query) => http.get<T.Page<T.User>>('/users', q),
  create: (body: { username: string; password: string; role: T.Role; enterpriseId?: string; displayName?: string }) => http.post<T.User>('/users', body),
  update: (id: string, body: { password?: string; disabled?: boolean; displayName?: string }) => http.patch<T.User>(`/users/${enc(id)}`, body),
};

export const apiKeysApi = {
  list: (q: Query) => http.get<T.Page<T.ApiKey>>('/api-keys', q),
  create: (enterpriseId: string, label?: string) => http.post<T.NewApiKey>(`/enterprises/${enc(enterpriseId)}/api-keys`, label ? { label } : {}),
  revoke: (id: string) => http.del<T.ApiKey>(`/api-keys/${enc(id)}`),
};

export const enterprisesApi = {
  register: (body: { enterprise: T.EnterpriseInput; user: { username: string; password: string } }) =>
    request<T.RegisterResult>('POST', '/enterprises/register', { body, auth: false }),
  create: (body: T.EnterpriseInput) => http.post<T.FilingCreated>('/enterprises', body),
  list: (q: Query) => http.get<T.Page<T.EnterpriseSummary>>('/enterprises', q),
  counts: () => http.get<Record<string, number>>('/enterprises/counts'),
  get: (id: string) => http.get<T.EnterpriseDetail>(`/enterprises/${enc(id)}`),
  update: (id: string, body: T.EnterpriseInput) => http.put<T.FilingCreated>(`/enterprises/${enc(id)}`, body),
  decide: (id: string, d: T.Decision) => http.post<unknown>(`/enterprises/${enc(id)}/decision`, d),
};

export const productsApi = {
  create: (body: T.ProductInput) => http.post<T.FilingCreated>('/products', body),
  list: (q: Query) => http.get<T.Page<T.ProductSummary>>('/products', q),
  get: (id: string) => http.get<T.ProductDetail>(`/products/${enc(id)}`),
  update: (id: string, body: T.ProductInput) => http.put<T.FilingCreated>(`/products/${enc(id)}`, body),
  decide: (id: string, d: T.Decision) => http.post<unknown>(`/products/${enc(id)}/decision`, d),
};

export const referenceApi = {
  tariffs: (q: Query) => http.get<T.Page<T.Tariff>>('/reference/tariffs', q),
  tariff: (gcode: string) => http.get<T.TariffDetail>(`/reference/tariffs/${enc(gcode)}`),
  putTariff: (gcode: string, body: T.TariffInput) => http.put<T.Tariff>(`/reference/tariffs/${enc(gcode)}`, body),
  codes: (table: T.CodeTable, q: Query) => http.get<T.Page<T.CodeEntry>>(`/reference/codes/${table}`, q),
  putCode: (table: T.CodeTable, code: string, body: { name: string; nameEn?: string; effectiveFrom?: string; effectiveTo?: string }) =>
    http.put<T.CodeEntry>(`/reference/codes/${table}/${enc(code)}`, body),
  hsList: (q: Query) => http.get<T.Page<T.HsCode>>('/reference/hs', q),
  hs: (code: string) => http.get<T.HsCode>(`/reference/hs/${enc(code)}`),
  regulation: () => http.get<T.Regulation>('/reference/regulation'),
};

export const bondedApi = {
  books: (q: Query) => http.get<T.Page<T.BondedBook>>('/bonded/books', q),
  book: (emsNo: string) => http.get<T.BondedBook>(`/bonded/books/${enc(emsNo)}`),
  createBook: (body: T.BondedBookInput) => http.post<T.BondedBook>('/bonded/books', body),
  setStatus: (emsNo: string, body: { status: T.BookStatus; reason?: string }) => http.post<T.BondedBook>(`/bonded/books/${enc(emsNo)}/status`, body),
  items: (emsNo: string, q: Query) => http.get<T.Page<T.BondedItem>>(`/bonded/books/${enc(emsNo)}/items`, q),
  addItem: (emsNo: string, body: T.BondedItemInput) => http.post<T.BondedItem>(`/bonded/books/${enc(emsNo)}/items`, body),
  entries: (emsNo: string, q: Query) => http.get<T.Page<T.BondedEntry>>(`/bonded/books/${enc(emsNo)}/entries`, q),
  postEntry: (emsNo: string, body: T.BondedEntryInput) => http.post<T.BondedEntry>(`/bonded/books/${enc(emsNo)}/entries`, body),
  ledger: (emsNo: string, q: Query) => http.get<T.Page<T.BondedMovement>>(`/bonded/books/${enc(emsNo)}/ledger`, q),
};

export const undertakingsApi = {
  list: (q: Query) => http.get<T.Page<T.Undertaking>>('/undertakings', q),
  get: (id: string) => http.get<T.Undertaking>(`/undertakings/${enc(id)}`),
  create: (body: T.UndertakingInput) => http.post<T.Undertaking>('/undertakings', body),
  decide: (id: string, d: T.Decision) => http.post<T.Undertaking>(`/undertakings/${enc(id)}/decision`, d),
  revoke: (id: string, reason: string) => http.post<T.Undertaking>(`/undertakings/${enc(id)}/revoke`, { reason }),
};

export const auditApi = {
  list: (q: Query) => http.get<T.Page<T.AuditRecord>>('/audit', q),
  verify: () => http.get<T.AuditVerify>('/audit/verify'),
};

/** Export clearance: lists (9610/1210/9710/9810), summary declarations, B2B customs declarations. */
export const exportApi = {
  lists: (q: Query) => http.get<T.Page<X.ExportListSummary>>('/export/lists', q),
  list: (copNo: string, agentCode?: string) => http.get<X.ExportListDetail>(`/export/lists/${enc(copNo)}`, { agentCode }),
  summariesDue: () => http.get<{ items: X.SummaryGroup[] }>('/export/summaries/due'),
  applySummary: (body: X.SummaryApply) => http.post<X.SummaryApplied>('/export/summaries', body),
  summaries: (q: Query) => http.get<T.Page<X.ExportSummary>>('/export/summaries', q),
  summary: (sumNo: string) => http.get<X.ExportSummary>(`/export/summaries/${enc(sumNo)}`),
  entries: (q: Query) => http.get<T.Page<X.ExportEntrySummary>>('/export/entries', q),
  entry: (entryId: string) => http.get<X.ExportEntry>(`/export/entries/${enc(entryId)}`),
  fileEntry: (body: X.ExportEntryInput) => http.post<X.ExportEntryFiled>('/export/entries', body),
  decideEntry: (entryId: string, d: { decision: 'release' | 'reject'; reason: string }) => http.post<{ entryId: string; status: string }>(`/export/entries/${enc(entryId)}/decision`, d),
  fileReturn: (body: X.ExportReturnInput) => http.post<X.ExportReturnFiled>('/export/returns', body),
};

export const clearanceApi = {
  declarations: (q: Query) => http.get<T.Page<T.DeclarationSummary>>('/declarations', q),
  inventory: (copNo: string) => http.get<T.Inventory>(`/inventories/${enc(copNo)}`),
  documents: (copNo: string) => http.get<T.InventoryDocuments>(`/inventories/${enc(copNo)}/documents`),
  decide: (copNo: string, d: T.ListDecision) => http.post<T.ListDecided>(`/inventories/${enc(copNo)}/decision`, d),
  receipts: (after: number, limit: number) => http.get<T.ReceiptPage>('/receipts', { after, limit }),
  /** Public: no token is sent, whoever is logged in. */
  quota: (q: { buyerIdNumber: string; buyerName: string; year?: number }) => request<T.Quota>('GET', '/quota', { query: q, auth: false }),
};
