/**
 * A filing's versions, newest first: who submitted, who decided and why, and the fields that changed
 * against the version before, highlighted with the old value beside the new one.
 */
import { Card, Empty, Space, Switch, Table, Tag, Timeline, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry } from '../api/types';
import { fmtDateTime } from './format';
import { StatusTag } from './StatusTag';
import './version-history.css';

export interface FieldDef {
  /** Dotted path into the version's data, e.g. "contact.phone". */
  path: string;
  label: string;
  render?: (v: unknown) => ReactNode;
  /** Reads the value when it is not simply at `path` (e.g. a field stored under another name). */
  value?: (data: unknown) => unknown;
}

function at(data: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((o, k) => (o && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), data);
}
function valueOf(data: unknown, f: FieldDef): unknown {
  return f.value ? f.value(data) : at(data, f.path);
}
function same(a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => (v === undefined || v === null || v === '' || (Array.isArray(v) && v.length === 0) ? null : v);
  return JSON.stringify(norm(a)) === JSON.stringify(norm(b));
}
function show(v: unknown, render?: (v: unknown) => ReactNode): ReactNode {
  if (v === undefined || v === null || v === '') return <Typography.Text type="secondary">—</Typography.Text>;
  if (render) return render(v);
  return Array.isArray(v) ? v.join(', ') : String(v);
}

/** The fields that differ between two versions' data. */
export function changedFields<D>(prev: D | undefined, cur: D, fields: FieldDef[]): Set<string> {
  return new Set(prev === undefined ? [] : fields.filter((f) => !same(valueOf(prev, f), valueOf(cur, f))).map((f) => f.path));
}

export function VersionHistory<D>({ history, fields }: { history: HistoryEntry<D>[]; fields: FieldDef[] }) {
  const { t } = useTranslation();
  const [onlyChanges, setOnlyChanges] = useState(true);
  if (!history.length) return <Card title={t('filing.history')}><Empty description={t('filing.noHistory')} /></Card>;

  const sorted = [...history].sort((a, b) => a.version - b.version);
  const items = sorted
    .map((h, i) => {
      const prev = sorted[i - 1];
      const changed = changedFields(prev?.data, h.data, fields);
      const rows = fields.filter((f) => !onlyChanges || !prev || changed.has(f.path));
      return {
        key: h.version,
        color: h.status === 'approved' ? 'green' : h.status === 'rejected' ? 'red' : 'orange',
        content: (
          <div data-testid={`history-v${h.version}`}>
            <Space wrap size={8} style={{ marginBottom: 6 }}>
              <Typography.Text strong>v{h.version}</Typography.Text>
              <StatusTag status={h.status} />
              {prev ? <Tag color={changed.size ? 'gold' : 'default'}>{t('filing.changedCount', { count: changed.size })}</Tag> : <Tag>{t('filing.firstVersion')}</Tag>}
              <Typography.Text type="secondary">
                {t('filing.submitted', { by: h.submittedBy ?? '—', at: fmtDateTime(h.submittedAt) })}
              </Typography.Text>
            </Space>
            {h.decidedAt || h.decidedBy ? (
              <div style={{ marginBottom: 6 }}>
                <Typography.Text>
                  {t('filing.decided', { by: h.decidedBy ?? '—', at: fmtDateTime(h.decidedAt), decision: t(`status.${h.status}`) })}
                </Typography.Text>
                {h.reason ? (
                  <Typography.Text type={h.status === 'rejected' ? 'danger' : undefined}>
                    {' '}
                    {t('filing.reasonLabel')}: {h.reason}
                  </Typography.Text>
                ) : null}
              </div>
            ) : null}
            {rows.length ? (
              <Table
                size="small"
                pagination={false}
                rowKey="path"
                dataSource={rows}
                rowClassName={(f) => (changed.has(f.path) ? 'vh-changed' : '')}
                columns={[
                  { title: t('filing.field'), dataIndex: 'label', width: 160 },
                  ...(prev ? [{ title: t('filing.before', { v: prev.version }), key: 'before', render: (_: unknown, f: FieldDef) => (changed.has(f.path) ? <span className="vh-old">{show(valueOf(prev.data, f), f.render)}</span> : show(valueOf(prev.data, f), f.render)) }] : []),
                  { title: prev ? t('filing.after', { v: h.version }) : t('filing.value'), key: 'after', render: (_: unknown, f: FieldDef) => (changed.has(f.path) ? <span className="vh-new">{show(valueOf(h.data, f), f.render)}</span> : show(valueOf(h.data, f), f.render)) },
                ]}
              />
            ) : null}
          </div>
        ),
      };
    })
    .reverse();

  return (
    <Card title={t('filing.history')} extra={<Space><Typography.Text type="secondary">{t('filing.onlyChanges')}</Typography.Text><Switch size="small" checked={onlyChanges} onChange={setOnlyChanges} /></Space>}>
      <Timeline items={items} />
    </Card>
  );
}
