/** Filters above the tables: enterprise (regulators), year, export dates, search, proceeds — per tab. */
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { ALL_YEARS, TAX_FILTERS, thisYear, yearOptions, type Tab, type TaxFilter, type TaxFilters } from './filters';

interface Props {
  tab: Tab;
  filters: TaxFilters;
  set: (patch: Partial<Record<TaxFilter, string | null | undefined>>) => void;
  showEnterprise: boolean;
}

export function TaxFiltersBar({ tab, filters: f, set, showEnterprise }: Props) {
  const { t } = useTranslation();
  const filtered = TAX_FILTERS.some((k) => k !== 'tab' && f[k] && !(k === 'year' && f.year === thisYear()));
  const years = yearOptions().map((y) => ({ value: y, label: y }));
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {showEnterprise ? (
        <Input.Search
          key={`e-${f.enterprise}`}
          defaultValue={f.enterprise}
          allowClear
          placeholder={t('exportTax.filter.enterprise')}
          onSearch={(v) => set({ enterprise: v.trim().toUpperCase() })}
          maxLength={18}
          style={{ width: 260 }}
          data-testid="filter-enterprise"
        />
      ) : null}
      <Select
        value={tab === 'deemed' && f.year === ALL_YEARS ? thisYear() : f.year}
        onChange={(v: string) => set({ year: v === thisYear() ? null : v })}
        options={tab === 'deemed' ? years : [{ value: ALL_YEARS, label: t('exportTax.filter.allYears') }, ...years]}
        aria-label={t('exportTax.filter.year')}
        style={{ width: 130 }}
        data-testid="filter-year"
      />
      {tab !== 'deemed' ? (
        <Space.Compact>
          <Input type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} aria-label={t('exportTax.filter.from')} title={t('exportTax.filter.from')} style={{ width: 150 }} data-testid="filter-from" />
          <Input type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} aria-label={t('exportTax.filter.to')} title={t('exportTax.filter.to')} style={{ width: 150 }} data-testid="filter-to" />
        </Space.Compact>
      ) : null}
      {tab === 'records' ? (
        <Input.Search
          key={`q-${f.q}`}
          defaultValue={f.q}
          allowClear
          placeholder={t('exportTax.filter.q')}
          onSearch={(v) => set({ q: v.trim() })}
          maxLength={64}
          style={{ width: 300 }}
          data-testid="filter-q"
        />
      ) : null}
      {tab === 'rebate' ? (
        <Select
          allowClear
          placeholder={t('exportTax.filter.collected')}
          value={f.collected || undefined}
          onChange={(v?: string) => set({ collected: v })}
          options={[
            { value: 'true', label: t('exportTax.collectedYes') },
            { value: 'false', label: t('exportTax.collectedNo') },
          ]}
          style={{ width: 160 }}
          data-testid="filter-collected"
        />
      ) : null}
      {/* Clearing keeps the tab. */}
      {filtered ? <Button onClick={() => set({ enterprise: null, year: null, from: null, to: null, q: null, collected: null })}>{t('action.resetFilters')}</Button> : null}
    </Space>
  );
}
