/**
 * A searchable select over one code table (countries, units, districts, ...), value = code.
 * Searches on the server as the user types; falls back to a plain input when the table cannot be read
 * (e.g. on the public registration page before login).
 */
import { Input, Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { tokenStore } from '../api/client';
import { referenceApi } from '../api/endpoints';
import type { CodeEntry, CodeTable } from '../api/types';
import { useLang } from './errors';

interface Props {
  table: CodeTable;
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
  /** Placeholder of the plain input used when the table cannot be read (before login). */
  fallbackPlaceholder?: string;
  allowClear?: boolean;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function codeLabel(e: CodeEntry, lang: 'zh' | 'en'): string {
  return `${e.code} ${lang === 'en' && e.nameEn ? e.nameEn : e.name}`;
}

export function CodeSelect({ table, value, onChange, placeholder, fallbackPlaceholder, allowClear = true, style, ...rest }: Props) {
  const lang = useLang();
  const [entries, setEntries] = useState<CodeEntry[]>([]);
  const [loading, setLoading] = useState(false);
  // Code tables need a login: before it (self-registration) the code is typed.
  const [failed, setFailed] = useState(() => !tokenStore.get());
  const [search, setSearch] = useState('');
  const seq = useRef(0);

  useEffect(() => {
    if (failed) return;
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      referenceApi
        .codes(table, { q: search || undefined, limit: 100 })
        .then((p) => {
          if (my === seq.current) setEntries(p.items);
        })
        .catch(() => {
          if (my === seq.current && !search) setFailed(true);
        })
        .finally(() => {
          if (my === seq.current) setLoading(false);
        });
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [table, search]);

  const options = useMemo(() => {
    const opts = entries.map((e) => ({ value: e.code, label: codeLabel(e, lang) }));
    if (value && !entries.some((e) => e.code === value)) opts.unshift({ value, label: value });
    return opts;
  }, [entries, value, lang]);

  if (failed) {
    return <Input value={value} onChange={(e) => onChange?.(e.target.value.trim() || undefined)} placeholder={fallbackPlaceholder ?? placeholder} allowClear={allowClear} style={style} data-testid={rest['data-testid']} />;
  }
  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      value={value || undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      onBlur={() => setSearch('')}
      options={options}
      loading={loading}
      placeholder={placeholder}
      allowClear={allowClear}
      style={style}
      data-testid={rest['data-testid']}
    />
  );
}
