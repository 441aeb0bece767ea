/** The tariff: HS code -> duty, VAT, consumption tax, positive list, per-person caps; edit for admin/customs. */
import { Button, Card, Drawer, Empty, Input, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { referenceApi } from '../../api/endpoints';
import type { Tariff } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { fmtDate, fmtRate } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { TariffEditModal } from './TariffEditModal';

function useTariffColumns(): ColumnsType<Tariff> {
  const { t } = useTranslation();
  const right = { align: 'right' as const, width: 90 };
  return [
    { title: t('tariff.gcode'), dataIndex: 'gcode', width: 120, render: (v: string) => <code>{v}</code> },
    { title: t('tariff.name'), dataIndex: 'name' },
    { title: t('tariff.dutyRate'), dataIndex: 'dutyRate', ...right, render: fmtRate },
    { title: t('tariff.vatRate'), dataIndex: 'vatRate', ...right, render: fmtRate },
    { title: t('tariff.consumptionRate'), dataIndex: 'consumptionRate', ...right, render: fmtRate },
    { title: t('tariff.positiveList'), dataIndex: 'positiveList', width: 100, render: (v: boolean) => (v ? <Tag color="green">{t('common.yes')}</Tag> : <Tag>{t('common.no')}</Tag>) },
    { title: t('tariff.yearlyCap'), key: 'cap', width: 110, align: 'right', render: (_, r) => (r.yearlyCapQty === null || r.yearlyCapQty === undefined ? '—' : `${r.yearlyCapQty} ${r.yearlyCapUnit ?? ''}`) },
    { title: t('tariff.effective'), key: 'eff', width: 200, render: (_, r) => `${fmtDate(r.effectiveFrom)} ~ ${r.effectiveTo ? fmtDate(r.effectiveTo) : t('tariff.open')}` },
  ];
}

function TariffHistory({ gcode, onClose }: { gcode: string | null; onClose: () => void }) {
  const { t } = useTranslation();
  const detail = useApi(gcode ? () => referenceApi.tariff(gcode) : null, gcode ?? '');
  const columns = useTariffColumns().filter((c) => c.key !== undefined || !['gcode', 'name'].includes(String((c as { dataIndex?: string }).dataIndex)));
  return (
    <Drawer open={gcode !== null} onClose={onClose} size="large" title={t('tariff.historyTitle', { gcode: gcode ?? '' })}>
      {detail.error ? <ErrorAlert error={detail.error} /> : null}
      <Table<Tariff>
        rowKey={(r) => `${r.effectiveFrom}-${r.effectiveTo}`}
        size="small"
        pagination={false}
        loading={detail.loading}
        dataSource={detail.data?.history ?? (detail.data ? [detail.data] : [])}
        columns={[...columns, { title: t('common.note'), dataIndex: 'note', render: (v: string | null) => v ?? '—' }]}
      />
    </Drawer>
  );
}

export function TariffPage() {
  const { t } = useTranslation();
  const user = useUser();
  const table = useUrlTable(['q', 'positiveList'] as const);
  const f = table.filters;
  const list = useApi(() => referenceApi.tariffs({ ...f, limit: table.limit, offset: table.offset }), table.key);
  const [editing, setEditing] = useState<Tariff | null>(null);
  const [history, setHistory] = useState<string | null>(null);
  const writer = can(user.role, 'reference.write');

  const columns: ColumnsType<Tariff> = [
    ...useTariffColumns(),
    {
      title: t('common.actions'),
      key: 'actions',
      width: 130,
      fixed: 'right',
      render: (_, r) => (
        <Space size={4}>
          <Button size="small" type="link" onClick={() => setHistory(r.gcode)}>{t('tariff.history')}</Button>
          {writer ? <Button size="small" type="link" onClick={() => setEditing(r)} data-testid="tariff-edit">{t('action.edit')}</Button> : null}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('nav.tariffs')}>
      <Space wrap style={{ marginBottom: 12 }}>
        <Input.Search key={`q-${f.q}`} defaultValue={f.q} allowClear placeholder={t('tariff.searchPlaceholder')} onSearch={(v) => table.setFilters({ q: v.trim() })} style={{ width: 280 }} data-testid="filter-q" />
        <Select
          allowClear
          placeholder={t('tariff.positiveList')}
          value={f.positiveList || undefined}
          onChange={(v?: string) => table.setFilters({ positiveList: v })}
          options={[{ value: 'true', label: t('tariff.inPositiveList') }, { value: 'false', label: t('tariff.notInPositiveList') }]}
          style={{ width: 160 }}
        />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Tariff>
        rowKey="gcode"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1200 }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={f.q || f.positiveList ? t('common.emptyFiltered') : t('tariff.empty')} /> }}
      />
      <TariffEditModal tariff={editing} onClose={(saved) => { setEditing(null); if (saved) list.reload(); }} />
      <TariffHistory gcode={history} onClose={() => setHistory(null)} />
    </Card>
  );
}
