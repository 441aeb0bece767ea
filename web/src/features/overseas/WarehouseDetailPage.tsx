/**
 * One overseas warehouse filing: the current data and status, the proof file to download, approve / reject
 * for customs and commerce while it is pending, "correct and resubmit" for its enterprise after a
 * rejection, and the history of versions and decisions.
 */
import { CheckOutlined, CloseOutlined, DownloadOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Descriptions, Space, Typography } from 'antd';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router-dom';
import { can } from '../../app/access';
import { useUser } from '../../app/auth';
import { ErrorAlert, useShowError } from '../../ui/errors';
import { fmtDateTime } from '../../ui/format';
import { useApi } from '../../ui/hooks';
import { ReasonModal } from '../../ui/ReasonModal';
import { StatusTag } from '../../ui/StatusTag';
import { VersionHistory, type FieldDef } from '../../ui/VersionHistory';
import { downloadProof, overseasApi, type ProofMeta } from './api';

/** Bytes as KB or MB, for a file's size. */
export function fmtBytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(n / 1024))} KB`;
}

function fieldDefs(t: TFunction): FieldDef[] {
  return [
    { path: 'name', label: t('overseas.field.name') },
    { path: 'country', label: t('overseas.field.country') },
    { path: 'address', label: t('overseas.field.address') },
    { path: 'areaSqm', label: t('overseas.field.areaSqm') },
    { path: 'operatorName', label: t('overseas.field.operatorName') },
    { path: 'tenure', label: t('overseas.field.tenure'), render: (v) => t(`overseas.tenure.${String(v)}`) },
    { path: 'leaseEnds', label: t('overseas.field.leaseEnds') },
    { path: 'proof.fileName', label: t('overseas.field.proof') },
    { path: 'proof.sha256', label: t('overseas.field.sha256'), render: (v) => <code>{String(v).slice(0, 16)}…</code> },
  ];
}

export function WarehouseDetailPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const user = useUser();
  const { id = '' } = useParams();
  const filing = useApi(() => overseasApi.warehouse(id), id);
  const [rejecting, setRejecting] = useState(false);
  const [busy, setBusy] = useState(false);

  if (filing.error) return <ErrorAlert error={filing.error} onRetry={filing.reload} />;
  const w = filing.data;
  if (!w) return <Card loading />;
  const mine = user.role === 'enterprise' && user.enterpriseId === w.enterpriseId;
  // The versions that came with a new proof file (newest first); a resubmission may keep the file it had.
  const proofVersions = w.history.filter((h, i) => h.data.proof.sha256 !== w.history[i + 1]?.data.proof.sha256);

  const approve = async () => {
    setBusy(true);
    try {
      await overseasApi.decide(w.id, { decision: 'approve' });
      message.success(t('review.approvedMsg', { name: w.name }));
      filing.reload();
    } catch (e) {
      showError(e);
    } finally {
      setBusy(false);
    }
  };
  const download = (version?: number) => downloadProof(w.id, version).catch(showError);
  const proofLink = (p: ProofMeta, version?: number) => (
    <Button type="link" size="small" icon={<DownloadOutlined />} onClick={() => void download(version)} data-testid={version ? `proof-download-v${version}` : 'proof-download'}>
      {p.fileName} ({fmtBytes(p.size)})
    </Button>
  );

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      <Card
        title={
          <Space>
            {w.name}
            <span data-testid="filing-status" data-status={w.status}><StatusTag status={w.status} /></span>
            <Typography.Text type="secondary">v{w.version}</Typography.Text>
          </Space>
        }
        extra={
          <Space>
            {can(user.role, 'overseas.decide') && w.status === 'pending' ? (
              <>
                <Button type="primary" icon={<CheckOutlined />} loading={busy} onClick={approve} data-testid="review-approve">{t('review.approve')}</Button>
                <Button danger icon={<CloseOutlined />} onClick={() => setRejecting(true)} data-testid="review-reject">{t('review.reject')}</Button>
              </>
            ) : null}
            {mine && w.status === 'approved' && can(user.role, 'overseas.booking.file') ? (
              <Link to={`/overseas/bookings/new?warehouseId=${encodeURIComponent(w.id)}`}>
                <Button type="primary" icon={<PlusOutlined />} data-testid="warehouse-book">{t('overseas.newBooking')}</Button>
              </Link>
            ) : null}
            {mine && w.status !== 'approved' ? (
              <Link to={`/overseas/warehouses/${w.id}/edit`}>
                <Button icon={<EditOutlined />} data-testid="warehouse-resubmit">{t('overseas.resubmit')}</Button>
              </Link>
            ) : null}
          </Space>
        }
      >
        {w.status === 'rejected' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} title={t('filing.rejectedBecause')} description={w.rejectReason || t('common.noReason')} data-testid="filing-reject-reason" /> : null}
        {w.status === 'pending' && mine ? <Alert type="info" showIcon style={{ marginBottom: 12 }} title={t('overseas.pendingHint')} /> : null}
        <Descriptions bordered size="small" column={{ xs: 1, md: 2 }} data-testid="warehouse-current">
          <Descriptions.Item label={t('overseas.field.name')}>{w.name}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.enterprise')}><Link to={`/enterprises/${w.enterpriseId}`}>{w.enterpriseName ?? w.enterpriseId}</Link> <code>{w.enterpriseCode}</code></Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.country')}>{w.country} {w.countryName ?? ''}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.areaSqm')}>{w.areaSqm} m²</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.address')} span={2}>{w.address}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.operatorName')} span={2}>{w.operatorName}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.tenure')}>{t(`overseas.tenure.${w.tenure}`)}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.leaseEnds')}>{w.leaseEnds ?? '—'}</Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.proof')} span={2}>
            {proofLink(w.proof)}
            <Typography.Text type="secondary"> {t('overseas.uploaded', { by: w.proof.uploadedBy, at: fmtDateTime(w.proof.uploadedAt) })} · SHA-256 <code>{w.proof.sha256.slice(0, 16)}…</code></Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('overseas.field.decidedBy')}>{w.decidedBy ? `${w.decidedBy} · ${fmtDateTime(w.decidedAt)}` : '—'}</Descriptions.Item>
          <Descriptions.Item label={t('common.id')}><Typography.Text copyable>{w.id}</Typography.Text></Descriptions.Item>
          <Descriptions.Item label={t('common.createdAt')}>{fmtDateTime(w.createdAt)}</Descriptions.Item>
          <Descriptions.Item label={t('common.updatedAt')}>{fmtDateTime(w.updatedAt)}</Descriptions.Item>
        </Descriptions>
      </Card>
      {proofVersions.length > 1 ? (
        <Card size="small" title={t('overseas.proofsByVersion')}>
          <Space wrap>
            {proofVersions.map((h) => (
              <span key={h.version}>
                v{h.version}: {proofLink(h.data.proof, h.version)}
              </span>
            ))}
          </Space>
        </Card>
      ) : null}
      <VersionHistory history={w.history} fields={fieldDefs(t)} />
      <ReasonModal
        open={rejecting}
        title={t('overseas.rejectTitle')}
        text={t('overseas.rejectText', { name: w.name })}
        okText={t('review.reject')}
        onSubmit={(reason) => overseasApi.decide(w.id, { decision: 'reject', reason })}
        onClose={(done) => {
          setRejecting(false);
          if (done) {
            message.success(t('review.rejectedMsg', { name: w.name }));
            filing.reload();
          }
        }}
      />
    </Space>
  );
}
