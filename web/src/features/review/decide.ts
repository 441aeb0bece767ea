/** The decision call for either kind of filing. */
import { enterprisesApi, productsApi } from '../../api/endpoints';

export type FilingKind = 'enterprises' | 'products';

export function decideFiling(kind: FilingKind, id: string, decision: 'approve' | 'reject', reason?: string) {
  const body = { decision, ...(reason && reason.trim() ? { reason: reason.trim() } : {}) };
  return kind === 'enterprises' ? enterprisesApi.decide(id, body) : productsApi.decide(id, body);
}
