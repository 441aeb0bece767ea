/** Filters above the declarations table, all kept in the URL. */
import { Button, Input, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { LIST_STATUSES, TRADE_MODES } from '../../api/types';
import { STATUS_WORDS } from './DeclStatus';

export const DECL_FILTERS = ['status', 'tradeMode', 'enterprise', 'buyerIdNumber', 'from', 'to', 'q'] as const;
export type DeclFilter = (typeof DECL_FILTERS)[number];

interface Props {
  filters: Record<DeclFilter, string>;
  set: (patch: Partial<Record<DeclFilter, string | null | undefined>>) => void;
  reset: () => void;
  showEnterprise: boolean;
}

export function DeclarationFilters({ filters: f, set, reset, showEnterprise }: Props) {
  const { t } = useTranslation();
  const filtered = DECL_FILTERS.some((k) => f[k]);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      <Input.Search
        key={`q-${f.q}`}
        defaultValue={f.q}
        allowClear
        placeholder={t('decl.searchPlaceholder')}
        onSearch={(v) => set({ q: v.trim() })}
        style={{ width: 260 }}
        data-testid="filter-q"
      />
      <Select
        allowClear
        placeholder={t('common.status')}
        value={f.status || undefined}
        onChange={(v?: string) => set({ status: v })}
        options={LIST_STATUSES.map((s) => ({ value: s, label: `${s} ${t(`decl.status.${STATUS_WORDS[s]}`)}` }))}
        style={{ width: 150 }}
        data-testid="filter-status"
      />
      <Select
        allowClear
        placeholder={t('decl.field.tradeMode')}
        value={f.tradeMode || undefined}
        onChange={(v?: string) => set({ tradeMode: v })}
        options={TRADE_MODES.map((m) => ({ value: m, label: `${m} ${t(`decl.tradeMode.${m}`)}` }))}
        style={{ width: 170 }}
        data-testid="filter-trade-mode"
      />
      {showEnterprise ? (
        <Input.Search
          key={`e-${f.enterprise}`}
          defaultValue={f.enterprise}
          allowClear
          placeholder={t('decl.filter.enterprise')}
          onSearch={(v) => set({ enterprise: v.trim() })}
          maxLength={18}
          style={{ width: 200 }}
          data-testid="filter-enterprise"
        />
      ) : null}
      <Input.Search
        key={`b-${f.buyerIdNumber}`}
        defaultValue={f.buyerIdNumber}
        allowClear
        placeholder={t('decl.filter.buyerId')}
        // The server matches the ID exactly: the check character is an upper-case X.
        onSearch={(v) => set({ buyerIdNumber: v.trim().toUpperCase() })}
        maxLength={18}
        style={{ width: 220 }}
        data-testid="filter-buyer-id"
      />
      <Space.Compact>
        <Input type="date" value={f.from} onChange={(e) => set({ from: e.target.value })} aria-label={t('decl.filter.from')} title={t('decl.filter.from')} style={{ width: 150 }} data-testid="filter-from" />
        <Input type="date" value={f.to} onChange={(e) => set({ to: e.target.value })} aria-label={t('decl.filter.to')} title={t('decl.filter.to')} style={{ width: 150 }} data-testid="filter-to" />
      </Space.Compact>
      {filtered ? <Button onClick={reset}>{t('action.resetFilters')}</Button> : null}
    </Space>
  );
}
