/** The audit log (admin): who did what to which subject, before and after; and a check of the hash chain. */
import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Empty, Input, Row, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { auditApi } from '../../api/endpoints';
import type { AuditRecord, AuditVerify } from '../../api/types';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { tablePagination, useApi, useUrlTable } from '../../ui/hooks';

/** A datetime-local value ("2024-05-01T10:00") read as Asia/Shanghai time. */
const zoned = (v: string) => (v ? `${v.length === 16 ? `${v}:00` : v}+08:00` : undefined);

function Json({ value }: { value: unknown }) {
  if (value === null || value === undefined) return <Typography.Text type="secondary">—</Typography.Text>;
  return <pre style={{ margin: 0, maxHeight: 320, overflow: 'auto', fontSize: 12, background: '#fafafa', padding: 8 }}>{JSON.stringify(value, null, 2)}</pre>;
}

function VerifyResult({ r }: { r: AuditVerify }) {
  const { t } = useTranslation();
  return r.ok ? (
    <Alert type="success" showIcon data-testid="audit-verify-result" data-ok="true" title={t('audit.verifyOk', { count: r.count })} description={r.head ? <span>{t('audit.head')}: <code>{r.head}</code></span> : undefined} />
  ) : (
    <Alert type="error" showIcon data-testid="audit-verify-result" data-ok="false" title={t('audit.verifyBroken', { seq: r.brokenAt ?? '?', count: r.count })} description={r.reason} />
  );
}

export function AuditPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const table = useUrlTable(['actor', 'action', 'subject', 'from', 'to'] as const);
  const f = table.filters;
  const list = useApi(() => auditApi.list({ actor: f.actor, action: f.action, subject: f.subject, from: zoned(f.from), to: zoned(f.to), limit: table.limit, offset: table.offset }), table.key);
  const [verifying, setVerifying] = useState(false);
  const [verify, setVerify] = useState<AuditVerify | null>(null);

  const runVerify = async () => {
    setVerifying(true);
    try {
      setVerify(await auditApi.verify());
    } catch (e) {
      showError(e);
    } finally {
      setVerifying(false);
    }
  };

  const columns: ColumnsType<AuditRecord> = [
    { title: '#', dataIndex: 'seq', width: 80, align: 'right' },
    { title: t('audit.at'), dataIndex: 'at', width: 150, render: fmtDateTime },
    { title: t('audit.actor'), dataIndex: 'actor', width: 200, render: (v: string) => <a onClick={() => table.setFilters({ actor: v })}>{v}</a> },
    { title: t('audit.action'), dataIndex: 'action', width: 220, render: (v: string) => <a onClick={() => table.setFilters({ action: v })}><code>{v}</code></a> },
    { title: t('audit.subject'), dataIndex: 'subject', render: (v: string) => <a onClick={() => table.setFilters({ subject: v })}>{v}</a> },
    { title: t('audit.hash'), dataIndex: 'hash', width: 140, render: (v: string) => <Typography.Text code copyable={{ text: v }}>{v.slice(0, 10)}</Typography.Text> },
  ];

  const text = (key: 'actor' | 'action' | 'subject', width = 200) => (
    <Input.Search key={`${key}-${f[key]}`} defaultValue={f[key]} allowClear placeholder={t(`audit.${key}`)} onSearch={(v) => table.setFilters({ [key]: v.trim() })} style={{ width }} data-testid={`audit-filter-${key}`} />
  );
  const filtered = Object.values(f).some(Boolean);

  return (
    <Card
      title={t('nav.audit')}
      extra={
        <Button icon={<SafetyCertificateOutlined />} loading={verifying} onClick={runVerify} data-testid="audit-verify">
          {t('audit.verify')}
        </Button>
      }
    >
      {verify ? <div style={{ marginBottom: 12 }}><VerifyResult r={verify} /></div> : null}
      <Space wrap style={{ marginBottom: 12 }}>
        {text('actor')}
        {text('action')}
        {text('subject', 240)}
        <Space.Compact>
          <Input type="datetime-local" value={f.from} onChange={(e) => table.setFilters({ from: e.target.value })} style={{ width: 200 }} aria-label={t('audit.from')} />
          <Input type="datetime-local" value={f.to} onChange={(e) => table.setFilters({ to: e.target.value })} style={{ width: 200 }} aria-label={t('audit.to')} />
        </Space.Compact>
        <Typography.Text type="secondary">{t('audit.zoneHint')}</Typography.Text>
        {filtered ? <Button onClick={table.reset}>{t('action.resetFilters')}</Button> : null}
      </Space>
      {list.error ? <ErrorAlert error={list.error} onRetry={list.reload} /> : null}
      <Table<AuditRecord>
        rowKey="seq"
        size="small"
        columns={columns}
        dataSource={list.data?.items}
        loading={list.loading}
        scroll={{ x: 1000 }}
        expandable={{
          expandedRowRender: (r) => (
            <Row gutter={16}>
              <Col span={12}><Typography.Text strong>{t('audit.before')}</Typography.Text><Json value={r.before} /></Col>
              <Col span={12}><Typography.Text strong>{t('audit.after')}</Typography.Text><Json value={r.after} /></Col>
            </Row>
          ),
        }}
        pagination={tablePagination(table, list.data?.total, (n) => t('common.total', { count: n }))}
        locale={{ emptyText: <Empty description={filtered ? t('common.emptyFiltered') : t('audit.empty')} /> }}
      />
    </Card>
  );
}
