/**
 * File an overseas warehouse (海外仓备案), or correct a rejected or pending filing and resubmit it. The
 * ownership or lease proof is read in the browser and sent as base64; the server checks its content.
 */
import { InboxOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Form, Input, Radio, Row, Space, Typography, Upload } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router-dom';
import { CodeSelect } from '../../ui/CodeSelect';
import { applyFieldError, ErrorAlert, useLang, useShowError } from '../../ui/errors';
import { useApi } from '../../ui/hooks';
import { shanghaiToday } from '../bonded/qty';
import { MAX_PROOF_BYTES, overseasApi, PROOF_TYPES, readProof, TENURES, type ProofUpload, type Tenure, type WarehouseInput } from './api';

interface Values {
  proof?: ProofUpload;
  name: string;
  country: string;
  address: string;
  areaSqm: string;
  operatorName: string;
  tenure: Tenure;
  leaseEnds?: string;
}

const FIELDS: Record<string, string[]> = {
  ...Object.fromEntries(['name', 'country', 'address', 'areaSqm', 'operatorName', 'tenure', 'leaseEnds'].map((f) => [f, [f]])),
  'proof.fileName': ['proof'],
  'proof.contentType': ['proof'],
  'proof.contentBase64': ['proof'],
};
const AREA_PATTERN = /^(?!0+(\.0+)?$)\d{1,9}(\.\d{1,2})?$/;

export function WarehouseFormPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const { id } = useParams();
  const navigate = useNavigate();
  const showError = useShowError();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const tenure = Form.useWatch('tenure', form);
  const current = useApi(id ? () => overseasApi.warehouse(id) : null, id ?? 'new');
  const tomorrow = new Date(Date.parse(`${shanghaiToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

  useEffect(() => {
    const w = current.data;
    if (w) form.setFieldsValue({ name: w.name, country: w.country, address: w.address, areaSqm: w.areaSqm, operatorName: w.operatorName, tenure: w.tenure, leaseEnds: w.leaseEnds ?? undefined });
  }, [current.data, form]);

  const onFinish = async (v: Values) => {
    const proof = v.proof;
    const body: WarehouseInput = {
      name: v.name.trim(),
      country: v.country,
      address: v.address.trim(),
      areaSqm: v.areaSqm.trim(),
      operatorName: v.operatorName.trim(),
      tenure: v.tenure,
      leaseEnds: v.tenure === 'lease' ? v.leaseEnds : null,
      ...(proof ? { proof } : {}),
    };
    setBusy(true);
    try {
      const r = id ? await overseasApi.resubmit(id, body) : await overseasApi.file(body);
      navigate(`/overseas/warehouses/${r.id}`, { replace: true });
    } catch (e) {
      if (!applyFieldError(form, e, lang, FIELDS)) showError(e);
    } finally {
      setBusy(false);
    }
  };

  if (current.error) return <ErrorAlert error={current.error} onRetry={current.reload} />;
  const w = current.data;
  return (
    <Card title={id ? t('overseas.resubmitTitle', { name: w?.name ?? '' }) : t('overseas.newWarehouse')} loading={!!id && !w}>
      {w?.status === 'rejected' ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={t('filing.rejectedBecause')} description={w.rejectReason || t('common.noReason')} /> : null}
      {w?.status === 'approved' ? <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t('overseas.approvedNoChange')} /> : null}
      <Typography.Paragraph type="secondary">{t('overseas.formHint')}</Typography.Paragraph>
      <Form<Values> form={form} layout="vertical" onFinish={onFinish} scrollToFirstError initialValues={{ tenure: 'lease' }} style={{ maxWidth: 900 }} data-testid="warehouse-form">
        <Row gutter={16}>
          <Col xs={24} md={14}>
            <Form.Item name="name" label={t('overseas.field.name')} rules={[{ required: true, whitespace: true, message: t('overseas.validate.nameRequired') }, { min: 2, max: 100, message: t('overseas.validate.nameLength') }]}>
              <Input maxLength={100} data-testid="warehouse-name" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="country" label={t('overseas.field.country')} rules={[{ required: true, message: t('overseas.validate.countryRequired') }]} extra={t('overseas.countryHint')}>
              <CodeSelect table="countries" data-testid="warehouse-country" />
            </Form.Item>
          </Col>
          <Col xs={24}>
            <Form.Item name="address" label={t('overseas.field.address')} rules={[{ required: true, whitespace: true, message: t('overseas.validate.addressRequired') }, { min: 5, max: 300, message: t('overseas.validate.addressLength') }]}>
              <Input maxLength={300} data-testid="warehouse-address" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="operatorName" label={t('overseas.field.operatorName')} rules={[{ required: true, whitespace: true, message: t('overseas.validate.operatorRequired') }]} extra={t('overseas.operatorHint')}>
              <Input maxLength={200} data-testid="warehouse-operator" />
            </Form.Item>
          </Col>
          <Col xs={24} md={10}>
            <Form.Item name="areaSqm" label={t('overseas.field.areaSqm')} rules={[{ required: true, message: t('overseas.validate.areaRequired') }, { pattern: AREA_PATTERN, message: t('overseas.validate.areaShape') }]}>
              <Input inputMode="decimal" suffix="m²" style={{ textAlign: 'right' }} data-testid="warehouse-area" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="tenure" label={t('overseas.field.tenure')} rules={[{ required: true }]}>
              <Radio.Group optionType="button" options={TENURES.map((v) => ({ value: v, label: t(`overseas.tenure.${v}`) }))} data-testid="warehouse-tenure" />
            </Form.Item>
          </Col>
          {tenure === 'lease' ? (
            <Col xs={24} md={10}>
              <Form.Item name="leaseEnds" label={t('overseas.field.leaseEnds')} rules={[{ required: true, message: t('overseas.validate.leaseEndsRequired') }, { validator: (_, v: string | undefined) => (!v || v >= tomorrow ? Promise.resolve() : Promise.reject(new Error(t('overseas.validate.leaseEndsFuture')))) }]}>
                <Input type="date" min={tomorrow} data-testid="warehouse-lease-ends" />
              </Form.Item>
            </Col>
          ) : null}
        </Row>
        <Form.Item
          name="proof"
          label={t('overseas.field.proof')}
          rules={id ? [] : [{ required: true, message: t('overseas.validate.proofRequired') }]}
          extra={id ? t('overseas.proofKeepHint', { name: w?.proof.fileName ?? '' }) : t('overseas.proofHint')}
        >
          <ProofPicker onProblem={(text) => form.setFields([{ name: 'proof', value: undefined, errors: [text] }])} onReadError={showError} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" loading={busy} disabled={w?.status === 'approved'} data-testid="warehouse-submit">
            {id ? t('overseas.resubmit') : t('action.submit')}
          </Button>
          <Button onClick={() => navigate(-1)}>{t('action.cancel')}</Button>
        </Space>
      </Form>
    </Card>
  );
}

/**
 * The proof file as a form value: checks what the browser knows (type, size) at once, then reads the bytes;
 * the server checks the content against the type again.
 */
function ProofPicker({ value, onChange, onProblem, onReadError }: { value?: ProofUpload; onChange?: (v: ProofUpload | undefined) => void; onProblem: (text: string) => void; onReadError: (e: unknown) => void }) {
  const { t } = useTranslation();
  const choose = async (file: File) => {
    if (!(PROOF_TYPES as readonly string[]).includes(file.type)) return onProblem(t('overseas.validate.proofType'));
    if (file.size === 0 || file.size > MAX_PROOF_BYTES) return onProblem(t('overseas.validate.proofSize'));
    try {
      onChange?.(await readProof(file));
    } catch (e) {
      onReadError(e);
    }
  };
  return (
    <Upload.Dragger
      accept={PROOF_TYPES.join(',')}
      maxCount={1}
      showUploadList={false}
      beforeUpload={(file) => {
        void choose(file);
        return false;
      }}
      data-testid="warehouse-proof"
    >
      <p className="ant-upload-drag-icon"><InboxOutlined /></p>
      <p className="ant-upload-text">{value ? value.fileName : t('overseas.proofDrop')}</p>
      <p className="ant-upload-hint">{t('overseas.proofTypes')}</p>
    </Upload.Dragger>
  );
}
