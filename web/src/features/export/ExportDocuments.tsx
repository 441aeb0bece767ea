/**
 * The order (or booking order for 9810), receipt of payment, waybill and list side by side: one row per
 * field that must agree; a mismatch the rules named is red with both values and the rule's code, values that
 * merely differ are marked for a second look. For 9710 the receipt is not required and says so.
 */
import { CheckCircleTwoTone } from '@ant-design/icons';
import { Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useMemo, type HTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { EXPORT_DOC_KINDS, type ExportDocBody, type ExportDocKind, type ExportReason } from '../../api/exportTypes';
import { useLang } from '../../ui/errors';
import { cellMismatches, disagrees, docRows, flatten, mismatchCells, type CellMismatch, type DocRow, type Section } from './docRows';
import { docLabelKey, docRequired, EXPORT_DOC_ICONS } from './ExportStatus';
import '../clearance/clearance.css';

type Row = { key: string; section: Section; row?: DocRow };

/** The document's own number and its sender, under its column title. */
const HEAD: Record<ExportDocKind, [id: string, sender: string]> = {
  order: ['orderNo', 'ebpCode'],
  receipt: ['payNo', 'payCode'],
  waybill: ['logisticsNo', 'logisticsCode'],
  list: ['copNo', 'agentCode'],
};

function DocHeader({ kind, doc, tradeMode, t }: { kind: ExportDocKind; doc: ExportDocBody | null; tradeMode: string | null; t: TFunction }) {
  const head = flatten(doc)?.head;
  const [id, sender] = HEAD[kind];
  const state = doc ? 'received' : docRequired(kind, tradeMode) ? 'missing' : 'notRequired';
  return (
    <div>
      <Space size={6}>
        {EXPORT_DOC_ICONS[kind]}
        <Typography.Text strong>{t(docLabelKey(kind, tradeMode))}</Typography.Text>
        <Tag color={doc ? 'green' : 'default'} data-testid={`doc-state-${kind}`} data-state={state}>
          {t(`export.doc.${state}`)}
        </Tag>
      </Space>
      {head ? (
        <div style={{ fontWeight: 'normal', fontSize: 12, color: '#8c8c8c' }}>
          {String(head[id] ?? '—')} · {t('export.doc.sender')} {String(head[sender] ?? '—')}
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
              ≠ {m.other.value}（{t(`export.doc.${m.other.doc}`, { defaultValue: m.other.doc })} {m.other.field}）
            </div>
          ) : null,
        )}
      </div>
    </Tooltip>
  );
}

export function ExportDocuments({ documents, reasons, tradeMode }: { documents: Record<ExportDocKind, ExportDocBody | null>; reasons: ExportReason[]; tradeMode: string | null }) {
  const { t } = useTranslation();
  const lang = useLang();
  const bad = useMemo(() => mismatchCells(reasons), [reasons]);
  const data = useMemo(() => {
    const out: Row[] = [];
    let section: Section | null = null;
    for (const row of docRows(documents)) {
      if (row.section !== section) out.push({ key: `s:${row.section}`, section: (section = row.section) });
      out.push({ key: row.key, section: row.section, row });
    }
    return out;
  }, [documents]);
  const span = EXPORT_DOC_KINDS.length + 2;

  const docColumn = (kind: ExportDocKind): ColumnsType<Row>[number] => ({
    key: kind,
    title: <DocHeader kind={kind} doc={documents[kind]} tradeMode={tradeMode} t={t} />,
    onHeaderCell: () => ({ 'data-testid': `export-doc-col-${kind}`, 'data-present': !!documents[kind] }) as HTMLAttributes<HTMLElement>,
    onCell: (r) => {
      if (!r.row) return { colSpan: 0 };
      if (!documents[kind]) return { className: 'dm-absent' };
      const c = r.row.cells[kind];
      if (!c) return { className: 'dm-na' };
      return cellMismatches(bad, kind, c).length ? { className: 'dm-bad' } : {};
    },
    render: (_, r) => {
      const c = r.row?.cells[kind];
      if (!c || !documents[kind]) return null;
      const ms = cellMismatches(bad, kind, c);
      return ms.length ? <BadCell value={c.text} ms={ms} t={t} lang={lang} /> : c.text;
    },
  });

  const columns: ColumnsType<Row> = [
    {
      key: 'field',
      title: t('export.matrix.field'),
      width: 170,
      fixed: 'left',
      onCell: (r) => (r.row ? {} : { colSpan: span, className: 'dm-section' }),
      render: (_, r) => (r.row ? t(r.row.label, r.row.params) : t(`export.section.${r.section}`)),
    },
    ...EXPORT_DOC_KINDS.map(docColumn),
    {
      key: 'check',
      title: t('export.matrix.check'),
      width: 190,
      onCell: (r) => (r.row ? {} : { colSpan: 0 }),
      render: (_, r) => {
        if (!r.row) return null;
        const present = EXPORT_DOC_KINDS.filter((k) => documents[k] && r.row!.cells[k]);
        const codes = [...new Set(present.flatMap((k) => cellMismatches(bad, k, r.row!.cells[k]).map((m) => m.code)))];
        if (codes.length) return codes.map((c) => <Tag color="red" key={c} style={{ marginBottom: 2 }}>{c}</Tag>);
        if (present.length < 2) return null;
        return disagrees(r.row) ? (
          <Tag color="orange" data-testid="differs-cell">{t('export.matrix.differs')}</Tag>
        ) : (
          <CheckCircleTwoTone twoToneColor="#52c41a" aria-label={t('export.matrix.agrees')} />
        );
      },
    },
  ];

  return (
    <Card title={t('export.matrix.title')} data-testid="export-documents" styles={{ body: { padding: 0 } }}>
      <Table<Row> className="dm-table" rowKey="key" size="small" bordered pagination={false} columns={columns} dataSource={data} scroll={{ x: 1060 }} />
    </Card>
  );
}
