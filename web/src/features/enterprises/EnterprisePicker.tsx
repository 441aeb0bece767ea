/** Pick an enterprise by name, USCC or customs code (server search); value = enterprise id. */
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { enterprisesApi } from '../../api/endpoints';
import type { EnterpriseRole, EnterpriseSummary, FilingStatus } from '../../api/types';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  status?: FilingStatus;
  /** Only enterprises filed in this role. */
  role?: EnterpriseRole;
  style?: React.CSSProperties;
  placeholder?: string;
  'data-testid'?: string;
}

export function EnterprisePicker({ value, onChange, status, role, style, placeholder, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<EnterpriseSummary[]>([]);
  const [search, setSearch] = useState('');
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      enterprisesApi
        .list({ q: search || undefined, status, role, limit: 20 })
        .then((p) => my === seq.current && setItems(p.items))
        .catch(() => my === seq.current && setItems([]))
        .finally(() => my === seq.current && setLoading(false));
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search, status, role]);

  const options = useMemo(() => {
    const o = items.map((e) => ({ value: e.id, label: `${e.name} (${e.customsCode})` }));
    if (value && !items.some((e) => e.id === value)) o.unshift({ value, label: value });
    return o;
  }, [items, value]);

  return (
    <Select
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      value={value || undefined}
      onChange={(v: string | undefined) => onChange?.(v)}
      options={options}
      loading={loading}
      placeholder={placeholder ?? t('enterprise.pickPlaceholder')}
      style={{ minWidth: 280, ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
