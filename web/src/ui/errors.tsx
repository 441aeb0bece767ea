/** Errors as the API states them: the stable code and the text in the current language, never a stack. */
import { Alert, App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, type Text } from '../api/client';

export function useLang(): 'zh' | 'en' {
  const { i18n } = useTranslation();
  return i18n.language.startsWith('en') ? 'en' : 'zh';
}

export function errorParts(err: unknown, lang: 'zh' | 'en'): { code: string; text: string; requestId: string | null } {
  if (err instanceof ApiError) return { code: err.code, text: err.text[lang], requestId: err.requestId };
  return {
    code: 'client.error',
    text: lang === 'zh' ? '页面出错，请刷新后重试' : 'the page hit an error; reload and retry',
    requestId: null,
  };
}

/** Inline error for a page or card that failed to load. */
export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const p = errorParts(error, lang);
  return (
    <Alert
      type="error"
      showIcon
      data-testid="error-alert"
      title={`${p.text}`}
      description={
        <span>
          {t('error.code')}: <code>{p.code}</code>
          {p.requestId ? (
            <>
              {' · '}
              {t('error.requestId')}: <code>{p.requestId}</code>
            </>
          ) : null}
        </span>
      }
      action={onRetry ? <a onClick={onRetry}>{t('action.retry')}</a> : undefined}
    />
  );
}

/** A toast for failed actions: code and text, with the request id to quote to the operator. */
export function useShowError() {
  const { notification } = App.useApp();
  const lang = useLang();
  const { t } = useTranslation();
  return useCallback(
    (err: unknown) => {
      const p = errorParts(err, lang);
      notification.error({
        title: p.text,
        description: `${t('error.code')}: ${p.code}${p.requestId ? ` · ${t('error.requestId')}: ${p.requestId}` : ''}`,
        placement: 'topRight',
      });
    },
    [notification, lang, t],
  );
}

/** The field the server names in an error (details.field, or a validation path like "body.enterprise.uscc"). */
export function errorField(err: unknown): string | null {
  if (!(err instanceof ApiError) || !err.details) return null;
  const raw = err.details.field ?? err.details.path;
  if (typeof raw !== 'string' || !raw) return null;
  return raw.replace(/^(body|querystring|params)\.?/, '');
}

/**
 * Shows the server's text under the field it names. `fields` maps the server's field names (dotted paths,
 * or a bare last segment) to the form's name paths; returns false when the error names no known field,
 * so the caller shows it above the form instead.
 */
export function applyFieldError(form: FormInstance, err: unknown, lang: 'zh' | 'en', fields: Record<string, (string | number)[]>): boolean {
  const f = errorField(err);
  if (!f || !(err instanceof ApiError)) return false;
  const resolve = (field: string) => fields[field] ?? fields[field.split('.').pop() ?? ''];
  const name = resolve(f);
  if (!name) return false;
  // The registry reports every problem at once: details.problems [{code, field, message:{zh,en}}].
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const add = (n: (string | number)[], text: string) => {
    const k = n.join('.');
    const entry = byField.get(k) ?? { name: n, errors: [] };
    entry.errors.push(text);
    byField.set(k, entry);
  };
  const problems = Array.isArray(err.details?.problems) ? (err.details.problems as { code?: string; field?: string; message?: Text }[]) : [];
  for (const p of problems) {
    const n = p.field && p.message && typeof p.message === 'object' ? resolve(p.field) : undefined;
    if (n) add(n, `${p.message![lang]} (${p.code ?? err.code})`);
  }
  if (byField.size === 0) add(name, `${err.text[lang]} (${err.code})`);
  form.setFields([...byField.values()]);
  form.scrollToField(name);
  return true;
}

/** The form's values, or null when a field is invalid (antd already shows why under the field). */
export async function validated<T>(form: FormInstance<T>): Promise<T | null> {
  try {
    return await form.validateFields();
  } catch {
    return null;
  }
}
