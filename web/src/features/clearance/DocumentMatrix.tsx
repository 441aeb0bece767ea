/**
 * The order, payment, waybill and list side by side: one row per field that must agree; a mismatch is red
 * with both values and the rule's code.
 */
import { CheckCircleTwoTone } from '@ant-design/icons';
import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { DOC_KINDS, type DocKind, type InventoryDocuments } from '../../api/types';
import { useLang } from '../../ui/errors';
import { DOC_ICONS } from './DeclStatus';
import { cellMismatches, matrixRows, mismatchCells, type CellMismatch, type MatrixRow, type Section } from './matrix';
import './clearance.css';

type Row = { key: string; section: Section; row?: MatrixRow };

const HEAD: Record<DocKind, [id: string, sender: string]> = {
  order: ['orderNo', 'ebpCode'],
  payment: ['payTransactionId', 'payCode'],
  waybill: ['logisticsNo', 'logisticsCode'],
  list: ['copNo', 'agentCode'],
};

function DocHeader({ kind, docs, t }: { kind: DocKind; docs: InventoryDocuments; t: TFunction }) {
  const doc = docs[kind];
  const [id, sender] = HEAD[kind];
  return (
    <div>
      <Space size={6}>
        {DOC_ICONS[kind]}
        <Typography.Text strong>{t(`decl.doc.${kind}`)}</Typography.Text>
        <Tag color={doc ? 'green' : 'default'}>{t(doc ? 'decl.doc.received' : 'decl.doc.missing')}</Tag>
      </Space>
      {doc ? (
        <div style={{ fontWeight: 'normal', fontSize: 12, color: '#8c8c8c' }}>
          {String(doc[id] ?? '—')} · {t('decl.doc.sender')} {String(doc[sender] ?? '—')}
        </div>
      ) : null}
    </div>
  );
}

function BadCell({ value, ms, t, lang }: { value: string; ms: CellMismatch[]; t: TFunction; lang: 'zh' | 'en' }) {
  return (
    <Tooltip title={ms.map((m) => m.reason.message[lang]).join('；')}>
      <div data-testid="mismatch-cell" data-code={ms[0]!.code}>
        <div className="dm-bad-value">{value}</div>
        {ms.map((m, i) =>
          m.other ? (
            <div key={i} className="dm-other">
              ≠ {m.other.value}（{t(`decl.doc.${m.other.doc}`)} {m.other.field}）
            </div>
          ) : typeof m.reason.details?.computed === 'string' ? (
            <div key={i} className="dm-other">
              {t('decl.computed')} {m.reason.details.computed}
            </div>
          ) : null,
        )}
      </div>
    </Tooltip>
  );
}

export function DocumentMatrix({ docs }: { docs: InventoryDocuments }) {
  const { t } = useTranslation();
  const lang = useLang();
  const bad = useMemo(() => mismatchCells(docs.reasons), [docs.reasons]);
  const data = useMemo(() => {
    const out: Row[] = [];
    let section: Section | null = null;
    for (const row of matrixRows(docs)) {
      if (row.section !== section) out.push({ key: `s:${row.section}`, section: (section = row.section) });
      out.push({ key: row.key, section: row.section, row });
    }
    return out;
  }, [docs]);
  const span = DOC_KINDS.length + 2;

  const docColumn = (kind: DocKind): ColumnsType<Row>[number] => ({
    key: kind,
    title: <DocHeader kind={kind} docs={docs} t={t} />,
    // On the header cell: antd repeats the title in a hidden measuring row.
    onHeaderCell: () => ({ 'data-testid': `doc-col-${kind}`, 'data-present': !!docs[kind] }) as HTMLAttributes<HTMLElement>,
    onCell: (r) => {
      if (!r.row) return { colSpan: 0 };
      if (!docs[kind]) return { className: 'dm-absent' };
      const cell = r.row.cells[kind];
      if (!cell) return { className: 'dm-na' };
      return cellMismatches(bad, kind, cell).length ? { className: 'dm-bad' } : {};
    },
    render: (_, r) => {
      const cell = r.row?.cells[kind];
      if (!cell || !docs[kind]) return null;
      const ms = cellMismatches(bad, kind, cell);
      return ms.length ? <BadCell value={cell.text} ms={ms} t={t} lang={lang} /> : cell.text;
    },
  });

  const columns: ColumnsType<Row> = [
    {
      key: 'field',
      title: t('decl.matrix.field'),
      width: 170,
      fixed: 'left',
      onCell: (r) => (r.row ? {} : { colSpan: span, className: 'dm-section' }),
      render: (_, r) => (r.row ? t(r.row.label, r.row.params) : t(`decl.section.${r.section}`)),
    },
    ...DOC_KINDS.map(docColumn),
    {
      key: 'check',
      title: t('decl.matrix.check'),
      width: 190,
      onCell: (r) => (r.row ? {} : { colSpan: 0 }),
      render: (_, r) => {
        if (!r.row) return null;
        const present = DOC_KINDS.filter((k) => docs[k] && r.row!.cells[k]);
        const codes = [...new Set(present.flatMap((k) => cellMismatches(bad, k, r.row!.cells[k]).map((m) => m.code)))];
        if (codes.length) return codes.map((c) => <Tag color="red" key={c} style={{ marginBottom: 2 }}>{c}</Tag>);
        return present.length > 1 ? <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('decl.matrix.agrees')} /> : null;
      },
    },
  ];

  return (
    <Card
      title={t('decl.matrix.title')}
      extra={docs.masked ? <Typography.Text type="secondary">{t('decl.matrix.masked')}</Typography.Text> : null}
      data-testid="document-matrix"
      styles={{ body: { padding: 0 } }}
    >
      <Table<Row> className="dm-table" rowKey="key" size="small" bordered pagination={false} columns={columns} dataSource={data} scroll={{ x: 1060 }} />
    </Card>
  );
}
