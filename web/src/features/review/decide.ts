/** The decision call for each kind of filing in the review queue. */
import { enterprisesApi, productsApi, undertakingsApi } from '../../api/endpoints';

export type FilingKind = 'enterprises' | 'products' | 'undertakings';

export function decideFiling(kind: FilingKind, id: string, decision: 'approve' | 'reject', reason?: string) {
  const body = { decision, ...(reason && reason.trim() ? { reason: reason.trim() } : {}) };
  if (kind === 'undertakings') return undertakingsApi.decide(id, body);
  return kind === 'enterprises' ? enterprisesApi.decide(id, body) : productsApi.decide(id, body);
}
