/** Pick an overseas warehouse filing (server search by name or address); value = warehouse id. */
import { Select } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { FilingStatus } from '../../api/types';
import { overseasApi, type Warehouse } from './api';

interface Props {
  value?: string;
  onChange?: (id: string | undefined) => void;
  /** Only filings in this status (a booking needs an approved warehouse). */
  status?: FilingStatus;
  style?: React.CSSProperties;
  'data-testid'?: string;
}

export function WarehousePicker({ value, onChange, status, style, ...rest }: Props) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Warehouse[]>([]);
  const [search, setSearch] = useState('');
  const [loading, setLoading] = useState(false);
  const seq = useRef(0);

  useEffect(() => {
    const my = ++seq.current;
    const timer = setTimeout(() => {
      setLoading(true);
      overseasApi
        .warehouses({ q: search || undefined, status, limit: 50 })
        .then((p) => my === seq.current && setItems(p.items))
        .catch(() => my === seq.current && setItems([]))
        .finally(() => my === seq.current && setLoading(false));
    }, search ? 250 : 0);
    return () => clearTimeout(timer);
  }, [search, status]);

  const options = useMemo(() => {
    const o = items.map((w) => ({ value: w.id, label: `${w.name} (${w.country} ${w.countryName ?? ''})` }));
    if (value && !items.some((w) => w.id === value)) o.unshift({ value, label: value });
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
      placeholder={t('overseas.pickWarehouse')}
      style={{ minWidth: 260, ...style }}
      data-testid={rest['data-testid']}
    />
  );
}
