import { useState } from "react";
import { Alert, App, Button, Card, Col, Descriptions, Flex, Form, Input, Modal, Row, Segmented, Statistic, Table, Typography } from "antd";
import { BellOutlined, CheckCircleOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router-dom";
import { api } from "../../api";
import { applyFormErrors } from "../../components/errors";
import { formatDateTime } from "../../components/format";
import { OrderStatusTag } from "../../components/orders/StatusTags";
import { PageHeader } from "../../components/PageHeader";
import {
  API, BackLink, DetailPending, ListEmpty, ProductStatusTag, QualityErrorAlert, qualityErrorText, qualityKey, RECALL_STATUSES, RecallStatusTag, ROUTE, useRecall, useRecalls,
  type Recall, type RecallListItem, type RecallStatus,
} from "./kit";

interface RecallFormValues { reason: string; instructions: string }

/** Opens a recall of a batch (optionally from a failed sampling): every buyer of the batch is told once. */
export function OpenRecallModal({ open, onClose, batch, samplingId, defaults }: {
  open: boolean; onClose: () => void; batch: { id: string; batchNo: string }; samplingId?: string; defaults?: Partial<RecallFormValues>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<RecallFormValues>();
  const [error, setError] = useState<unknown>(null);
  const qc = useQueryClient();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const save = useMutation({
    mutationFn: (v: RecallFormValues) => api<Recall>(`${API}/recalls`, { method: "POST", body: { batchId: batch.id, samplingId: samplingId ?? null, reason: v.reason, instructions: v.instructions } }),
    onSuccess: (r) => {
      void qc.invalidateQueries({ queryKey: qualityKey });
      message.success(t("quality.recalls.form.done", { no: r.no, buyers: r.buyersNotified }));
      onClose();
      navigate(`${ROUTE}/recalls/${r.id}`);
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["reason", "instructions"])) setError(e);
    },
  });
  return (
    <Modal
      open={open}
      title={t("quality.recalls.form.title")}
      onCancel={onClose}
      okText={t("quality.recalls.form.submit")}
      okButtonProps={{ danger: true, loading: save.isPending, "data-testid": "recall-submit" } as React.ComponentProps<typeof Button>}
      onOk={() => form.submit()}
      destroyOnHidden
      data-testid="recall-modal"
    >
      <Typography.Paragraph type="secondary">{t("quality.recalls.form.intro", { batchNo: batch.batchNo })}</Typography.Paragraph>
      <QualityErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form<RecallFormValues>
        form={form}
        layout="vertical"
        initialValues={{ reason: defaults?.reason ?? "", instructions: defaults?.instructions ?? t("quality.sampling.decide.instructionsDefault") }}
        onFinish={(v) => {
          setError(null);
          save.mutate(v);
        }}
      >
        <Form.Item name="reason" label={t("quality.fields.reason")} rules={[{ required: true, whitespace: true, message: t("quality.sampling.decide.reasonRequired") }]}>
          <Input maxLength={500} data-testid="recall-reason" />
        </Form.Item>
        <Form.Item name="instructions" label={t("quality.fields.instructions")} rules={[{ required: true, whitespace: true, message: t("quality.sampling.decide.instructionsRequired") }]}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="recall-instructions" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** P5: recalls, newest first. */
export function RecallListPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [status, setStatus] = useState<RecallStatus | "all">("all");
  const [q, setQ] = useState("");
  const list = useRecalls({ status: status === "all" ? undefined : status, q: q.trim() || undefined });
  const rows = list.data?.items ?? [];
  const filtered = status !== "all" || !!q.trim();
  return (
    <div data-testid="recalls-page">
      <PageHeader title={t("quality.recalls.title")}>
        <Button onClick={() => navigate(`${ROUTE}/trace`)} data-testid="recall-new">
          {t("quality.recalls.new")}
        </Button>
      </PageHeader>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("quality.recalls.intro")}
      </Typography.Paragraph>
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }}>
          <Segmented<RecallStatus | "all">
            value={status}
            onChange={setStatus}
            options={[
              { value: "all", label: t("quality.common.all") },
              ...RECALL_STATUSES.map((s) => ({ value: s, label: `${t(`quality.status.${s}`)}${list.data ? ` ${list.data.counts[s]}` : ""}` })),
            ]}
            data-testid="recall-filter-status"
          />
          <Input.Search allowClear placeholder={t("quality.common.search")} onSearch={setQ} style={{ width: 280 }} data-testid="recall-search" />
        </Flex>
        <QualityErrorAlert error={list.error} style={{ marginBottom: 16 }} />
        <Table<RecallListItem>
          rowKey="id"
          loading={list.isPending}
          dataSource={rows}
          pagination={rows.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          scroll={{ x: 1200 }}
          data-testid="recall-table"
          onRow={(r) => ({ "data-testid": `recall-row-${r.no}`, "data-status": r.status }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <ListEmpty pending={list.isPending} text={filtered ? t("quality.recalls.emptyFiltered") : t("quality.recalls.empty")} /> }}
          columns={[
            { title: t("quality.fields.no"), dataIndex: "no", width: 170, render: (v: string, r) => <Link to={`${ROUTE}/recalls/${r.id}`} data-testid="recall-link">{v}</Link> },
            {
              title: t("quality.fields.product"),
              key: "product",
              width: 240,
              render: (_, r) => (
                <div>
                  <div>{r.product.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                    {r.merchant.name}
                  </Typography.Text>
                </div>
              ),
            },
            {
              title: t("quality.fields.batch"),
              key: "batch",
              width: 200,
              render: (_, r) => (
                <div>
                  <Link to={`${ROUTE}/trace/${r.batch.id}`}>{r.batch.batchNo}</Link>
                  <div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${r.batch.skuCode} · ${r.batch.warehouseCode}`}</Typography.Text>
                  </div>
                </div>
              ),
            },
            { title: t("quality.fields.reason"), dataIndex: "reason", width: 220, ellipsis: true },
            { title: t("quality.fields.buyers"), dataIndex: "buyersNotified", width: 110, align: "right" },
            { title: t("quality.fields.units"), dataIndex: "unitsShipped", width: 110, align: "right" },
            { title: t("quality.fields.openedAt"), dataIndex: "openedAt", width: 150, render: (v: string) => formatDateTime(v) },
            { title: t("quality.fields.status"), dataIndex: "status", width: 100, fixed: "right", render: (s: RecallStatus) => <RecallStatusTag status={s} /> },
          ]}
        />
      </Card>
    </div>
  );
}

function CloseRecallModal({ recall, open, onClose }: { recall: Recall; open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ note: string }>();
  const [error, setError] = useState<unknown>(null);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const close = useMutation({
    mutationFn: (note: string) => api<Recall>(`${API}/recalls/${recall.id}/close`, { method: "POST", body: { note } }),
    onSuccess: (r) => {
      qc.setQueryData([...qualityKey, "recall", r.id], r);
      void qc.invalidateQueries({ queryKey: qualityKey });
      message.success(t("quality.recall.closed"));
      onClose();
    },
    onError: (e) => {
      if (!applyFormErrors(form, e, ["note"])) setError(e);
    },
  });
  return (
    <Modal
      open={open}
      title={t("quality.recall.closeTitle", { no: recall.no })}
      onCancel={onClose}
      okText={t("quality.recall.close")}
      okButtonProps={{ loading: close.isPending, "data-testid": "recall-close-submit" } as React.ComponentProps<typeof Button>}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <QualityErrorAlert error={error} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => close.mutate(v.note)}>
        <Form.Item name="note" label={t("quality.recall.closeNote")} rules={[{ required: true, whitespace: true, min: 2, message: t("quality.recall.closeNoteRequired") }]}>
          <Input.TextArea rows={3} maxLength={1000} placeholder={t("quality.recall.closeNotePlaceholder")} data-testid="recall-close-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** P5/P6: one recall: what, why, and every order and buyer it reached. */
export function RecallDetailPage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useRecall(id);
  const qc = useQueryClient();
  const { message } = App.useApp();
  const [closing, setClosing] = useState(false);
  const notify = useMutation({
    mutationFn: () => api<{ reached: { orders: number; buyers: number }; recall: Recall }>(`${API}/recalls/${id}/notify`, { method: "POST" }),
    onSuccess: (r) => {
      qc.setQueryData([...qualityKey, "recall", r.recall.id], r.recall);
      void qc.invalidateQueries({ queryKey: qualityKey });
      message.success(r.reached.orders ? t("quality.recall.notified", r.reached) : t("quality.recall.notifiedNone"));
    },
    onError: (e) => message.error(qualityErrorText(e)),
  });
  const r = query.data;
  if (!r) return <DetailPending query={query} back={`${ROUTE}/recalls`} testId="recall-detail" />;
  return (
    <div data-testid="recall-detail" data-status={r.status}>
      <BackLink to={`${ROUTE}/recalls`} />
      <PageHeader
        title={
          <Flex gap={8} align="center">
            <span data-testid="recall-no">{r.no}</span>
            <RecallStatusTag status={r.status} />
          </Flex>
        }
      >
        {r.status === "open" ? (
          <Flex gap={8}>
            <Button icon={<BellOutlined />} loading={notify.isPending} onClick={() => notify.mutate()} data-testid="recall-notify">
              {t("quality.recall.notify")}
            </Button>
            <Button icon={<CheckCircleOutlined />} onClick={() => setClosing(true)} data-testid="recall-close">
              {t("quality.recall.close")}
            </Button>
          </Flex>
        ) : null}
      </PageHeader>
      {r.status === "open" && r.pending.orders > 0 ? (
        <Alert type="warning" showIcon title={t("quality.recall.pending", r.pending)} style={{ marginBottom: 16 }} data-testid="recall-pending" />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={16}>
          <Card title={t("quality.recall.facts")} style={{ height: "100%" }}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="recall-facts">
              <Descriptions.Item label={t("quality.fields.product")}>
                <Flex gap={6} wrap align="center">
                  {r.product.title} <ProductStatusTag status={r.product.status} />
                </Flex>
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.shop")}>{r.merchant.name}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.batch")}>
                <Link to={`${ROUTE}/trace/${r.batch.id}`} data-testid="recall-batch">{r.batch.batchNo}</Link>
                <span style={{ marginInlineStart: 6 }}>{`· ${r.batch.skuCode} · ${r.batch.warehouse.code}`}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.sampling")}>
                {r.sampling ? <Link to={`${ROUTE}/samplings/${r.sampling.id}`}>{r.sampling.no}</Link> : t("quality.common.none")}
              </Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.reason")} span={2}>{r.reason}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.instructions")} span={2}>{r.instructions}</Descriptions.Item>
              <Descriptions.Item label={t("quality.fields.openedAt")}>{t("quality.common.by", { at: formatDateTime(r.openedAt), who: r.openedBy })}</Descriptions.Item>
              {r.closedAt ? <Descriptions.Item label={t("quality.fields.closedAt")}>{formatDateTime(r.closedAt)}</Descriptions.Item> : null}
              {r.closingNote ? <Descriptions.Item label={t("quality.fields.closingNote")} span={2}>{r.closingNote}</Descriptions.Item> : null}
            </Descriptions>
          </Card>
        </Col>
        <Col xs={24} xl={8}>
          <Card style={{ height: "100%" }}>
            <Row gutter={16}>
              <Col span={12}>
                <Statistic title={t("quality.fields.buyers")} value={r.buyersNotified} data-testid="recall-buyers" />
              </Col>
              <Col span={12}>
                <Statistic title={t("quality.fields.units")} value={r.unitsShipped} data-testid="recall-units" />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={t("quality.recall.reached")} extra={<Typography.Text type="secondary">{t("quality.recall.masked")}</Typography.Text>}>
            <Table<Recall["reached"][number]>
              rowKey="orderId"
              dataSource={r.reached}
              pagination={r.reached.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
              scroll={{ x: 900 }}
              data-testid="recall-reached"
              onRow={(x) => ({ "data-testid": `reached-${x.orderNo}` }) as React.HTMLAttributes<HTMLElement>}
              locale={{ emptyText: <ListEmpty pending={false} text={t("quality.recall.reachedEmpty")} /> }}
              columns={[
                { title: t("quality.fields.order"), dataIndex: "orderNo", width: 190 },
                { title: t("quality.fields.status"), dataIndex: "orderStatus", width: 110, render: (s) => <OrderStatusTag status={s} /> },
                {
                  title: t("quality.fields.buyer"),
                  key: "buyer",
                  render: (_, x) => (x.buyer ? <span data-testid="reached-buyer">{`${x.buyer.name} · ${x.buyer.login}`}</span> : t("quality.common.none")),
                },
                {
                  title: t("quality.fields.recipient"),
                  key: "recipient",
                  render: (_, x) => (x.buyer ? `${x.buyer.recipient} ${x.buyer.mobile} · ${x.buyer.region}` : t("quality.common.none")),
                },
                { title: t("quality.fields.quantity"), dataIndex: "units", width: 90, align: "right" },
                { title: t("quality.fields.notifiedAt"), dataIndex: "notifiedAt", width: 150, render: (v: string) => formatDateTime(v) },
              ]}
            />
          </Card>
        </Col>
      </Row>
      <CloseRecallModal recall={r} open={closing} onClose={() => setClosing(false)} />
    </div>
  );
}
