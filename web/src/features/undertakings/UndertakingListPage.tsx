/**
 * 代推承诺: a postal or express operator files and follows its own undertakings; customs reviews and revokes;
 * other departments read. Filters and paging in the URL, export.
 */
import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Empty, Input, Select, Space, Table, Tag, Tooltip } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { undertakingsApi } from '../../api/endpoints';
import { PUSH_KINDS, UNDERTAKING_STATUSES, type Undertaking } from '../../api/types';
import { ErrorAlert } from '../../ui/errors';
import { ExportButton } from '../../ui/ExportButton';
import { downloadCsv, fetchAll } from '../../ui/exportCsv';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';
import { StatusTag } from '../../ui/StatusTag';
import { EnterprisePicker } from '../enterprises/EnterprisePicker';
import { UndertakingActions } from './UndertakingActions';
import { UndertakingFormModal } from './UndertakingFormModal';

const FILTERS = ['status', 'enterpriseId', 'kind', 'ownerCode', 'activeOn'] as const;

export function ownersText(u: Undertaking, t: TFunction): string {
  return u.allOwners ? t('undertaking.scopeAll') : u.ownerCodes.join(t('common.listSep'));
}

export function UndertakingListPage() {
  const { t } = useTranslation();
  const user = useUser();
  const navigate = useNavigate();
  const isEnterprise = user.role === 'enterprise';
  const table = useUrlTable(FILTERS);
  const f = table.filters;
  const query = { ...f, limit: table.limit, offset: table.offset };
  const list = useApi(() => undertakingsApi.list(query), table.key);
  const filtered = FILTERS.some((k) => f[k]);
  const [filing, setFiling] = useState(false);

  const columns: ColumnsType<Undertaking> = [
    ...(isEnterprise ? [] : [{ title: t('undertaking.field.operator'), dataIndex: 'enterpriseName', width: 240, render: (v: string | null, u: Undertaking) => <Link to={`/undertakings/${u.id}`}>{v ?? u.enterpriseId}</Link> }]),
    { title: t('undertaking.field.kinds'), dataIndex: 'kinds', width: 150, render: (ks: string[], u) => <Link to={`/undertakings/${u.id}`}>{ks.map((k) => <Tag key={k}>{t(`undertaking.kind.${k}`)}</Tag>)}</Link> },
    {
      title: t('undertaking.field.owners'),
      key: 'owners',
      width: 240,
      ellipsis: { showTitle: false },
      render: (_, u) => (u.allOwners ? <Tag color="geekblue">{t('undertaking.scopeAll')}</Tag> : <Tooltip title={ownersText(u, t)}><span>{ownersText(u, t)}</span></Tooltip>),
    },
    { title: t('undertaking.field.validity'), key: 'validity', width: 210, render: (_, u) => `${u.validFrom} ~ ${u.validTo}` },
    { title: t('undertaking.field.letterNo'), dataIndex: 'letterNo', width: 140, render: (v: string | null) => v ?? '—' },
    { title: t('common.status'), dataIndex: 'status', width: 100, render: (s: string) => <StatusTag status={s} /> },
    { title: t('common.updatedAt'), dataIndex: 'updatedAt', width: 150, render: fmtDateTime },
    { title: t('common.actions'), key: 'actions', width: 330, fixed: 'right', render: (_, u) => <UndertakingActions u={u} onChanged={list.reload} size="small" /> },
  ];

  const exportRows = async () => {
    const rows = await fetchAll((offset, limit) => undertakingsApi.list({ ...query, offset, limit }));
    downloadCsv(
      'undertakings.csv',
      ['id', 'operator', 'operatorCode', 'kinds', 'allOwners', 'ownerCodes', 'validFrom', 'validTo', 'letterNo', 'status', 'rejectReason', 'revokeReason', 'updatedAt'],
      rows.map((u) => [u.id, u.enterpriseName, u.enterpriseCode, u.kinds, u.allOwners, u.ownerCodes, u.validFrom, u.validTo, u.letterNo, u.status, u.rejectReason, u.revokeReason, fmtDateTime(u.updatedAt)]),
    );
  };

  return (
    <Card
      title={isEnterprise ? t('nav.myUndertakings') : t('nav.undertakings')}
      extra={
        can(user.role, 'undertaking.file') && isEnterprise ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setFiling(true)} data-testid="undertaking-new">
            {t('undertaking.new')}
          </Button>
        ) : null
      }
    >
      <Space wrap style={{ marginBottom: 12 }}>
        <Select allowClear placeholder={t('common.status')} value={f.status || undefined} onChange={(v?: string) => table.setFilters({ status: v })} options={UNDERTAKING_STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))} style={{ width: 130 }} data-testid="filter-status" />
        <Select allowClear placeholder={t('undertaking.field.kinds')} value={f.kind || undefined} onChange={(v?: string) => table.setFilters({ kind: v })} options={PUSH_KINDS.map((k) => ({ value: k, label: t(`undertaking.kind.${k}`) }))} style={{ width: 130 }} data-testid="filter-kind" />
        {isEnterprise ? null : <EnterprisePicker value={f.enterpriseId || undefined} onChange={(id) => table.setFilters({ enterpriseId: id })} role="logistics" placeholder={t('undertaking.field.operator')} />}
        <Input.Search key={`o-${f.ownerCode}`} defaultValue={f.ownerCode} allowClear placeholder={t('undertaking.ownerFilter')} onSearch={(v) => table.setFilters({ ownerCode: v.trim() })} style={{ width: 220 }} data-testid="filter-owner" />
        <Input type="date" value={f.activeOn} onChange={(e) => table.setFilters({ activeOn: e.target.value })} style={{ width: 160 }} aria-label={t('undertaking.activeOn')} title={t('undertaking.activeOn')} data-testid="filter-active-on" />
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
        <ExportButton run={exportRows} />
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<Undertaking>
        rowKey="id"
        size="middle"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1560 }}
        data-testid="undertaking-table"
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : isEnterprise ? t('undertaking.emptyOperator') : t('undertaking.empty')} /> }}
      />
      <UndertakingFormModal
        open={filing}
        onClose={(filed) => {
          setFiling(false);
          if (filed) navigate(`/undertakings/${filed.id}`);
        }}
      />
    </Card>
  );
}
