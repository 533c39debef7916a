import { useState } from "react";
import { Button, Card, Descriptions, Empty, Flex, Input, Space, Table, Tag, Timeline, Typography } from "antd";
import { ExperimentOutlined, FileProtectOutlined, InboxOutlined, ShopOutlined, TeamOutlined, WarningOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { formatDate, formatDateTime } from "../../components/format";
import { OrderStatusTag, ShipmentStatusTag } from "../../components/orders/StatusTags";
import { PageHeader } from "../../components/PageHeader";
import {
  BackLink, BatchBar, BlockedTag, DetailPending, ListEmpty, ProductStatusTag, QualityErrorAlert, RecallStatusTag, ROUTE, SamplingStatusTag, useBatchSearch, useTrace,
  type BatchHit, type Trace,
} from "./kit";
import { NewSamplingModal } from "./SamplingPages";
import { OpenRecallModal } from "./RecallPages";

/** P6: batches by number (or product, or SKU); without a query, the latest received. */
export function TraceSearchPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const q = params.get("q") ?? "";
  const hits = useBatchSearch(q);
  const rows = hits.data ?? [];
  return (
    <div data-testid="trace-search-page">
      <PageHeader title={t("quality.trace.title")} />
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        {t("quality.trace.intro")}
      </Typography.Paragraph>
      <Card>
        <Input.Search
          allowClear
          enterButton
          defaultValue={q}
          placeholder={t("quality.trace.search")}
          onSearch={(v) => setParams(v.trim() ? { q: v.trim() } : {})}
          style={{ maxWidth: 420, marginBottom: 16 }}
          data-testid="trace-search"
        />
        <QualityErrorAlert error={hits.error} style={{ marginBottom: 16 }} />
        <Table<BatchHit>
          rowKey="id"
          loading={hits.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 1000 }}
          data-testid="batch-table"
          onRow={(b) => ({ "data-testid": `batch-row-${b.batchNo}`, onClick: () => navigate(`${ROUTE}/trace/${b.id}`), style: { cursor: "pointer" } }) as React.HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <ListEmpty pending={hits.isPending} text={t("quality.trace.empty")} /> }}
          columns={[
            { title: t("quality.fields.batch"), dataIndex: "batchNo", width: 150, render: (v: string, b) => <Link to={`${ROUTE}/trace/${b.id}`} data-testid="batch-link">{v}</Link> },
            {
              title: t("quality.fields.product"),
              key: "product",
              width: 320,
              render: (_, b) => (
                <div>
                  <div>{b.product.title}</div>
                  <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${b.skuCode} · ${b.merchant.name}`}</Typography.Text>
                </div>
              ),
            },
            { title: t("quality.fields.warehouse"), dataIndex: "warehouseCode", width: 100 },
            { title: t("quality.fields.expiryDate"), dataIndex: "expiryDate", width: 120, render: (v: string | null) => formatDate(v) },
            { title: t("quality.trace.received"), dataIndex: "receivedQty", width: 80, align: "right" },
            { title: t("quality.trace.shipped"), dataIndex: "shipped", width: 80, align: "right" },
            { title: t("quality.trace.onHand"), dataIndex: "onHand", width: 80, align: "right" },
            {
              title: t("quality.fields.status"),
              key: "flags",
              width: 220,
              render: (_, b) => (
                <Flex gap={4} wrap>
                  <BlockedTag reason={b.blockedReason} />
                  {b.openRecalls ? <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{t("quality.trace.openRecall")}</Tag> : null}
                  {b.samplings ? <Tag style={{ marginInlineEnd: 0 }}>{t("quality.trace.samplingsCount", { count: b.samplings })}</Tag> : null}
                </Flex>
              ),
            },
          ]}
        />
      </Card>
    </div>
  );
}

const Step = ({ title, children, testId }: { title: string; children: React.ReactNode; testId: string }) => (
  <div data-testid={testId}>
    <Typography.Text strong style={{ display: "block", marginBottom: 6 }}>
      {title}
    </Typography.Text>
    {children}
  </div>
);

function OrdersTable({ tr }: { tr: Trace }) {
  const { t, i18n } = useTranslation();
  const en = i18n.language.startsWith("en");
  if (!tr.orders.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("quality.trace.noOrders")} data-testid="trace-no-orders" />;
  return (
    <Table<Trace["orders"][number]>
      rowKey="orderId"
      size="small"
      dataSource={tr.orders}
      pagination={tr.orders.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
      scroll={{ x: 980 }}
      data-testid="trace-orders"
      onRow={(o) => ({ "data-testid": `trace-order-${o.orderNo}`, "data-notified": o.notified }) as React.HTMLAttributes<HTMLElement>}
      columns={[
        {
          title: t("quality.fields.order"),
          key: "order",
          width: 200,
          render: (_, o) => (
            <Flex vertical gap={2} align="flex-start">
              <span>{o.orderNo}</span>
              <OrderStatusTag status={o.orderStatus} />
            </Flex>
          ),
        },
        {
          title: t("quality.fields.buyer"),
          key: "buyer",
          render: (_, o) => (
            <div>
              <div data-testid="trace-buyer">{`${o.buyer.name} · ${o.buyer.login}`}</div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${o.buyer.recipient} ${o.buyer.mobile} · ${o.buyer.region}`}</Typography.Text>
            </div>
          ),
        },
        { title: t("quality.fields.quantity"), dataIndex: "quantity", width: 80, align: "right" },
        { title: t("quality.fields.shippedAt"), dataIndex: "firstShippedAt", width: 150, render: (v: string) => formatDateTime(v) },
        {
          title: t("quality.fields.shipment"),
          key: "shipments",
          width: 280,
          render: (_, o) => (
            <Flex vertical gap={4}>
              {o.shipments.map((s) => (
                <Space key={s.id} size={6} wrap>
                  <ShipmentStatusTag status={s.status} />
                  <Typography.Text style={{ fontSize: 12 }}>{`${en ? s.carrier.nameEn : s.carrier.name} ${s.trackingNo}`}</Typography.Text>
                </Space>
              ))}
            </Flex>
          ),
        },
        {
          title: t("quality.fields.recall"),
          key: "notified",
          width: 120,
          render: (_, o) => (o.notified ? <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{t("quality.trace.notified")}</Tag> : <Typography.Text type="secondary">—</Typography.Text>),
        },
      ]}
    />
  );
}

/** P6: one batch as a chain: supplier → receipt → batch → orders and buyers. */
export function TracePage() {
  const { id } = useParams();
  const { t } = useTranslation();
  const query = useTrace(id);
  const [sampling, setSampling] = useState(false);
  const [recalling, setRecalling] = useState(false);
  const tr = query.data;
  if (!tr) return <DetailPending query={query} back={`${ROUTE}/trace`} testId="trace" />;
  const openRecall = tr.recalls.find((r) => r.status === "open");
  const preset: BatchHit = {
    id: tr.batch.id, batchNo: tr.batch.batchNo, skuCode: tr.batch.skuCode, product: tr.product, merchant: tr.merchant, warehouseCode: tr.warehouse.code,
    productionDate: tr.batch.productionDate, expiryDate: tr.batch.expiryDate, receivedQty: tr.quantities.received, onHand: tr.quantities.onHand, blocked: tr.quantities.blocked,
    blockedReason: tr.batch.blockedReason, shipped: tr.quantities.shipped, samplings: tr.samplings.length, openRecalls: openRecall ? 1 : 0, createdAt: tr.batch.createdAt,
  };
  const q = tr.quantities;
  return (
    <div data-testid="trace-page" data-batch={tr.batch.batchNo}>
      <BackLink to={`${ROUTE}/trace`} />
      <PageHeader
        title={
          <Flex gap={8} align="center" wrap>
            <span data-testid="trace-batch-no">{tr.batch.batchNo}</span>
            <BlockedTag reason={tr.batch.blockedReason} />
            {openRecall ? (
              <Link to={`${ROUTE}/recalls/${openRecall.id}`}>
                <Tag color="volcano" style={{ marginInlineEnd: 0 }}>{`${t("quality.trace.openRecall")} ${openRecall.no}`}</Tag>
              </Link>
            ) : null}
          </Flex>
        }
      >
        <Space>
          <Button icon={<ExperimentOutlined />} onClick={() => setSampling(true)} data-testid="trace-new-sampling">
            {t("quality.trace.newSampling")}
          </Button>
          <Button danger icon={<WarningOutlined />} disabled={!!openRecall} onClick={() => setRecalling(true)} data-testid="trace-recall">
            {t("quality.trace.recallBatch")}
          </Button>
        </Space>
      </PageHeader>
      <Card title={t("quality.trace.chain")}>
        <Timeline
          data-testid="trace-chain"
          items={[
            {
              icon: <ShopOutlined style={{ fontSize: 16 }} />,
              content: (
                <Step title={t("quality.trace.supplier")} testId="chain-supplier">
                  <Descriptions column={{ xs: 1, md: 2 }} size="small">
                    <Descriptions.Item label={t("quality.fields.supplier")}>
                      <span data-testid="trace-supplier">{tr.supplier?.name ?? t("quality.trace.noSupplier")}</span>
                    </Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.purchaseRef")}>{tr.purchaseRef ?? t("quality.common.none")}</Descriptions.Item>
                  </Descriptions>
                </Step>
              ),
            },
            {
              icon: <InboxOutlined style={{ fontSize: 16 }} />,
              content: (
                <Step title={t("quality.trace.receipt")} testId="chain-receipt">
                  {tr.receipt ? (
                    <Descriptions column={{ xs: 1, md: 2 }} size="small">
                      <Descriptions.Item label={t("quality.fields.receipt")}>
                        <span data-testid="trace-receipt">{tr.receipt.number}</span>
                      </Descriptions.Item>
                      <Descriptions.Item label={t("quality.fields.acceptedAt")}>
                        {tr.receipt.acceptedAt ? t("quality.common.by", { at: formatDateTime(tr.receipt.acceptedAt), who: tr.receipt.acceptedBy ?? "" }) : t("quality.common.none")}
                      </Descriptions.Item>
                    </Descriptions>
                  ) : (
                    <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                      {t("quality.trace.noReceipt")}
                    </Typography.Paragraph>
                  )}
                  {tr.inspectionReport ? (
                    <a href={tr.inspectionReport.url} target="_blank" rel="noreferrer" data-testid="trace-inspection-report">
                      <FileProtectOutlined /> {t("quality.trace.inspection")}
                    </a>
                  ) : (
                    <Typography.Text type="secondary">{t("quality.trace.noInspection")}</Typography.Text>
                  )}
                </Step>
              ),
            },
            {
              icon: <ExperimentOutlined style={{ fontSize: 16 }} />,
              color: tr.batch.blockedReason ? "red" : "blue",
              content: (
                <Step title={t("quality.trace.batch")} testId="chain-batch">
                  <Descriptions column={{ xs: 1, md: 2, xl: 3 }} size="small">
                    <Descriptions.Item label={t("quality.fields.product")}>
                      <Flex gap={6} align="center" wrap>
                        {tr.product.title} <ProductStatusTag status={tr.product.status} />
                      </Flex>
                    </Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.shop")}>{tr.merchant.name}</Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.sku")}>{tr.batch.skuCode}</Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.warehouse")}>
                      {`${tr.warehouse.code} · ${tr.warehouse.name}${tr.batch.location ? ` · ${tr.batch.location.code}` : ""}`}
                    </Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.productionDate")}>{formatDate(tr.batch.productionDate)}</Descriptions.Item>
                    <Descriptions.Item label={t("quality.fields.expiryDate")}>{formatDate(tr.batch.expiryDate)}</Descriptions.Item>
                  </Descriptions>
                  <div style={{ maxWidth: 560, margin: "8px 0 12px" }} data-testid="trace-quantities" data-received={q.received} data-shipped={q.shipped} data-on-hand={q.onHand} data-blocked={q.blocked}>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>{`${t("quality.trace.quantities")} · ${t("quality.trace.received")} ${q.received}`}</Typography.Text>
                    <BatchBar received={q.received} shipped={q.shipped} onHand={q.onHand} blocked={q.blocked} />
                  </div>
                  <Flex gap={24} wrap>
                    <div data-testid="trace-samplings">
                      <Typography.Text type="secondary">{t("quality.trace.samplings")}</Typography.Text>
                      {tr.samplings.length ? (
                        tr.samplings.map((s) => (
                          <div key={s.id}>
                            <Space size={6}>
                              <Link to={`${ROUTE}/samplings/${s.id}`}>{s.no}</Link>
                              <SamplingStatusTag status={s.status} />
                            </Space>
                          </div>
                        ))
                      ) : (
                        <div>{t("quality.trace.noSamplings")}</div>
                      )}
                    </div>
                    <div data-testid="trace-recalls">
                      <Typography.Text type="secondary">{t("quality.trace.recalls")}</Typography.Text>
                      {tr.recalls.length ? (
                        tr.recalls.map((r) => (
                          <div key={r.id}>
                            <Space size={6}>
                              <Link to={`${ROUTE}/recalls/${r.id}`}>{r.no}</Link>
                              <RecallStatusTag status={r.status} />
                            </Space>
                          </div>
                        ))
                      ) : (
                        <div>{t("quality.trace.noRecalls")}</div>
                      )}
                    </div>
                  </Flex>
                </Step>
              ),
            },
            {
              icon: <TeamOutlined style={{ fontSize: 16 }} />,
              color: q.orders ? "green" : "gray",
              content: (
                <Step title={t("quality.trace.orders")} testId="chain-orders">
                  <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }} data-testid="trace-orders-summary" data-orders={q.orders} data-buyers={q.buyers}>
                    {t("quality.trace.ordersSummary", { orders: q.orders, buyers: q.buyers, units: q.shipped })}
                    {q.orders ? ` · ${t("quality.recall.masked")}` : ""}
                  </Typography.Paragraph>
                  <OrdersTable tr={tr} />
                </Step>
              ),
            },
          ]}
        />
      </Card>
      <NewSamplingModal open={sampling} onClose={() => setSampling(false)} preset={preset} />
      <OpenRecallModal open={recalling} onClose={() => setRecalling(false)} batch={tr.batch} />
    </div>
  );
}
