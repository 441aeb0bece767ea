/**
 * Saves a file the API builds (an .xlsx workbook): fetched with the session's bearer token, kept as a blob
 * and handed to the browser under the name the server gives. Failures carry the API's code and zh/en text.
 */
import { ApiError, tokenStore, toQueryString, type Query, type Text } from '../../api/client';

/** The file name of `Content-Disposition: attachment; filename="…"`, or the fallback. */
export function filenameOf(disposition: string | null, fallback: string): string {
  const star = disposition ? /filename\*=UTF-8''([^;]+)/i.exec(disposition) : null;
  if (star?.[1]) return decodeURIComponent(star[1]);
  const plain = disposition ? /filename="?([^";]+)"?/i.exec(disposition) : null;
  return plain?.[1] ?? fallback;
}

export async function downloadFile(path: string, query: Query, fallbackName: string): Promise<void> {
  const headers: Record<string, string> = {};
  const token = tokenStore.get();
  if (token) headers.Authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(`/api/v1${path}${toQueryString(query)}`, { headers });
  } catch {
    throw new ApiError(0, 'network', { zh: '无法连接服务器，请检查网络后重试', en: 'cannot reach the server; check the network and retry' }, null, null);
  }
  if (!res.ok) {
    type ErrorBody = { error?: { code?: string; message?: Text; details?: Record<string, unknown> | null; requestId?: string } };
    const body = (await res.json().catch(() => null)) as ErrorBody | null;
    const e = body?.error;
    throw new ApiError(res.status, e?.code ?? `http.${res.status}`, e?.message ?? { zh: `下载失败（HTTP ${res.status}）`, en: `download failed (HTTP ${res.status})` }, e?.details ?? null, e?.requestId ?? null);
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filenameOf(res.headers.get('content-disposition'), fallbackName);
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
