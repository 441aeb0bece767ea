/**
 * File an export return (出口退货) for a departed list: why the goods came back, the day they did,
 * and per goods line the quantity that came back (0 = not returned). The server checks the return window,
 * what is left to return and the excluded chapters; a refusal that names a line shows under that line, a
 * field it names under the field, anything else above the form, always with its stable code. On success the
 * amount and the linked customs declaration number are shown.
 */
import { Alert, Button, Descriptions, Form, Input, Modal, Result, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { exportApi } from '../../api/endpoints';
import type { ExportListDetail, ExportListLine, ExportReturnFiled } from '../../api/exportTypes';
import type { EnterpriseDetail } from '../../api/types';
import { applyFieldError, ErrorAlert, errorParts, useLang, validated } from '../../ui/errors';
import { fmtDate } from '../../ui/format';
import { shanghaiToday } from '../bonded/qty';
import { remainingQty } from './decimal';
import { code, Money } from './ExportStatus';

interface Values {
  reason: string;
  returnedOn: string;
  lines: { qty: string }[];
}

/** 0 or a quantity with at most 5 decimals, as the API takes it. */
const QTY = /^\d{1,14}(\.\d{1,5})?$/;
const positive = (q: string | undefined) => !!q && QTY.test(q.trim()) && /[1-9]/.test(q);

/**
 * Whether the enterprise may file a return for the list: it is the list's declaring agent or its consignor,
 * and the list departed (899) and was not cancelled. Mirrors the server's check.
 */
export function mayFileReturn(l: ExportListDetail, me: EnterpriseDetail | undefined): boolean {
  // Goods come back only after they left the country (departed, 899).
  if (!me || !l.invtNo || l.cancelled || l.status !== '899') return false;
  const mine = [me.customsCode, me.uscc].filter(Boolean);
  return mine.includes(l.agentCode) || mine.includes(l.ebcCode);
}

/** The list line a refusal names (details.gnum), if the list has it. */
function namedLine(err: unknown, lines: ExportListLine[]): number | null {
  const gnum = err instanceof ApiError ? err.details?.gnum : undefined;
  return typeof gnum === 'number' && lines.some((l) => l.gnum === gnum) ? gnum : null;
}

export function ExportReturnModal({ list, open, onClose, onFiled }: { list: ExportListDetail; open: boolean; onClose: () => void; onFiled: (filed: ExportReturnFiled) => void }) {
  const { t } = useTranslation();
  const lang = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [noLine, setNoLine] = useState(false);
  const [filed, setFiled] = useState<ExportReturnFiled | null>(null);
  const today = shanghaiToday();
  const releasedOn = list.releasedAt ? fmtDate(list.releasedAt) : null;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    form.setFieldsValue({ reason: '', returnedOn: shanghaiToday(), lines: list.lines.map(() => ({ qty: '0' })) });
    setError(null);
    setNoLine(false);
    setFiled(null);
    // Only on opening: the page reloads the list after a return, and the result must stay on screen.
  }, [open, form]);

  const returnedOf = (gnum: number) => list.returns.flatMap((r) => r.lines.filter((x) => x.gnum === gnum).map((x) => x.qty));
  const lineError = namedLine(error, list.lines);
  const lineErrorText = lineError !== null ? errorParts(error, lang) : null;

  const submit = async () => {
    const v = await validated(form);
    if (!v) return;
    const sent = list.lines.map((l, i) => ({ i, gnum: l.gnum, qty: (v.lines[i]?.qty ?? '').trim() })).filter((x) => positive(x.qty));
    if (!sent.length) {
      setNoLine(true);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const r = await exportApi.fileReturn({ invtNo: list.invtNo!, reason: v.reason.trim(), returnedOn: v.returnedOn, lines: sent.map(({ gnum, qty }) => ({ gnum, qty })) });
      setFiled(r);
      onFiled(r);
    } catch (e) {
      // The server numbers lines as sent (only those above 0): map them back to the table's rows.
      const fields: Record<string, (string | number)[]> = { reason: ['reason'], returnedOn: ['returnedOn'] };
      sent.forEach((x, k) => {
        for (const key of [`lines.${k}.qty`, `lines[${k}].qty`, `lines.${k}.gnum`, `lines[${k}].gnum`]) fields[key] = ['lines', x.i, 'qty'];
      });
      if (namedLine(e, list.lines) !== null || !applyFieldError(form, e, lang, fields)) setError(e);
    } finally {
      setBusy(false);
    }
  };

  const columns: ColumnsType<ExportListLine> = [
    { title: t('export.line.gnum'), dataIndex: 'gnum', width: 56 },
    { title: t('export.line.gname'), dataIndex: 'gname', render: (v: string, l) => <>{v} <Typography.Text type="secondary"><code>{l.gcode}</code></Typography.Text></> },
    { title: t('export.returns.listQty'), dataIndex: 'qty', width: 90, align: 'right', render: (v: string) => <span style={{ fontVariantNumeric: 'tabular-nums' }}>{v}</span> },
    { title: t('export.returns.left'), key: 'left', width: 100, align: 'right', render: (_: unknown, l) => <span data-testid={`return-left-${l.gnum}`}>{remainingQty(l.qty, returnedOf(l.gnum)) ?? '—'}</span> },
    {
      title: t('export.returns.qty'),
      key: 'qty',
      width: 220,
      render: (_: unknown, l, i) => (
        <Form.Item
          name={['lines', i, 'qty']}
          style={{ margin: 0 }}
          rules={[{ required: true, message: t('export.validate.required') }, { pattern: QTY, message: t('export.returns.validate.qtyShape') }]}
          validateStatus={lineError === l.gnum ? 'error' : undefined}
          help={lineError === l.gnum && lineErrorText ? <span data-testid="return-line-error" data-code={lineErrorText.code}>{lineErrorText.text} ({lineErrorText.code})</span> : undefined}
        >
          <Input style={{ textAlign: 'right' }} inputMode="decimal" data-testid={`return-qty-${l.gnum}`} aria-label={`${t('export.returns.qty')} ${l.gnum}`} />
        </Form.Item>
      ),
    },
  ];

  return (
    <Modal
      open={open}
      title={t('export.returns.fileTitle', { invtNo: list.invtNo ?? list.copNo })}
      onCancel={onClose}
      width={760}
      forceRender
      footer={
        filed
          ? [<Button key="close" type="primary" onClick={onClose} data-testid="return-close">{t('export.returns.close')}</Button>]
          : [
              <Button key="cancel" onClick={onClose}>{t('action.cancel')}</Button>,
              <Button key="ok" type="primary" loading={busy} onClick={submit} data-testid="return-submit">{t('export.returns.submit')}</Button>,
            ]
      }
    >
      {filed ? (
        <Result
          status="success"
          title={t('export.returns.filed')}
          subTitle={t('export.returns.filedText', { date: filed.returnedOn })}
          data-testid="return-result"
          extra={
            <Descriptions bordered size="small" column={1} style={{ textAlign: 'left' }}>
              <Descriptions.Item label={t('export.returns.amount')}>
                <Money value={filed.amount} currency={filed.currency} testId="return-result-amount" />
              </Descriptions.Item>
              <Descriptions.Item label={t('export.returns.entryId')}>
                {filed.entryId ? (
                  <Typography.Text copyable strong data-testid="return-result-entry-id">{filed.entryId}</Typography.Text>
                ) : (
                  <Typography.Text type="secondary" data-testid="return-result-entry-id">{t('export.returns.noEntry')}</Typography.Text>
                )}
              </Descriptions.Item>
              <Descriptions.Item label={t('export.field.invtNo')}>{code(filed.invtNo)}</Descriptions.Item>
              <Descriptions.Item label={t('export.returns.returnedOn')}>{filed.returnedOn}</Descriptions.Item>
              <Descriptions.Item label={t('export.returns.id')}>{code(filed.id)}</Descriptions.Item>
            </Descriptions>
          }
        />
      ) : null}
      <div style={filed ? { display: 'none' } : undefined}>
        <Typography.Paragraph type="secondary">{t('export.returns.hint')}</Typography.Paragraph>
        <Form<Values>
          form={form}
          layout="vertical"
          data-testid="return-form"
          onValuesChange={(changed: Partial<Values>) => {
            if (error) setError(null);
            if (changed.lines) setNoLine(false);
          }}
        >
          <Form.Item
            name="returnedOn"
            label={t('export.returns.returnedOn')}
            extra={t('export.returns.returnedOnHint')}
            rules={[
              { required: true, message: t('export.returns.validate.dateRequired') },
              {
                validator: async (_, v: string | undefined) => {
                  if (!v) return;
                  if (v > today) throw new Error(t('export.returns.validate.dateFuture'));
                  if (releasedOn && v < releasedOn) throw new Error(t('export.returns.validate.dateBeforeRelease', { date: releasedOn }));
                },
              },
            ]}
          >
            <Input type="date" max={today} min={releasedOn ?? undefined} style={{ width: 180 }} data-testid="return-date" />
          </Form.Item>
          <Form.Item name="reason" label={t('export.returns.reason')} rules={[{ required: true, whitespace: true, message: t('export.returns.validate.reasonRequired') }, { max: 500 }]}>
            <Input.TextArea rows={2} maxLength={500} showCount placeholder={t('export.returns.reasonPlaceholder')} data-testid="return-reason" />
          </Form.Item>
          <Table<ExportListLine> rowKey="gnum" size="small" pagination={false} columns={columns} dataSource={list.lines} data-testid="return-lines" />
        </Form>
        {noLine ? <Alert type="warning" showIcon style={{ marginTop: 12 }} title={t('export.returns.validate.noLine')} data-testid="return-no-line" /> : null}
        {error && lineError === null ? (
          <div style={{ marginTop: 12 }} data-testid="return-error">
            <ErrorAlert error={error} />
          </div>
        ) : null}
      </div>
    </Modal>
  );
}
