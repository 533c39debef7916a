import { Alert, App, Button, Card, Col, Descriptions, Flex, Popconfirm, Row, Space, Table, Tag, Typography } from "antd";
import type { ButtonProps } from "antd";
import { CheckOutlined, PrinterOutlined } from "@ant-design/icons";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router-dom";
import { api } from "../../../api";
import { formatDate, formatDateTime } from "../../../components/format";
import { useInventory } from "../context";
import { BackLink, CancelDocumentButton, DocumentPending, DocumentTitle, FlowErrorAlert, KindTag, noteItem, OutboundStatusTag, outboundKey, ProductCell, useOutbound } from "./kit";
import { Destination } from "./OutboundList";
import type { BatchPick, Outbound, OutboundLine } from "./types";

/** The batches of one line: taken (done) or what a picker would take now (open). */
export function Picks({ picks, testId }: { picks: BatchPick[]; testId: string }) {
  const { t } = useTranslation();
  if (!picks.length) return <Typography.Text type="secondary">—</Typography.Text>;
  return (
    <Flex vertical gap={4} data-testid={testId}>
      {picks.map((p) => (
        <Flex key={p.batchId} gap={8} align="center" wrap data-testid="pick" data-batch={p.batchNo} data-quantity={p.quantity}>
          <Typography.Text strong style={{ fontFamily: "monospace" }}>
            {p.batchNo}
          </Typography.Text>
          <Typography.Text style={{ fontVariantNumeric: "tabular-nums" }}>× {p.quantity}</Typography.Text>
          {p.locationCode ? <Tag style={{ marginInlineEnd: 0 }}>{p.locationCode}</Tag> : null}
          {p.expiryDate ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t("invFlow.outbound.expires", { date: formatDate(p.expiryDate) })}
            </Typography.Text>
          ) : null}
          {p.blocked ? (
            <Tag color="red" style={{ marginInlineEnd: 0 }}>
              {t("invFlow.outbound.hasBlocked")}
            </Tag>
          ) : null}
        </Flex>
      ))}
    </Flex>
  );
}

/** One outbound document: where the goods go, its pick list, and completing it. */
export function OutboundDetail() {
  const { id } = useParams();
  const { t } = useTranslation();
  const place = useInventory();
  const qc = useQueryClient();
  const { message } = App.useApp();
  const query = useOutbound(id);
  const d = query.data;
  const complete = useMutation({
    mutationFn: () => api<Outbound>(`${place.api}/outbound/${id}/done`, { method: "POST" }),
    onSuccess: (next) => {
      qc.setQueryData([...outboundKey(place.api), "one", next.id], next);
      void qc.invalidateQueries({ queryKey: ["inventory", place.api] });
      message.success(t("invFlow.outbound.done", { number: next.number, units: next.units }));
    },
  });
  if (query.isError || !d) return <DocumentPending list="outbound" testId="outbound-detail" query={query} />;
  const short = d.lines.filter((l) => l.plannedShort > 0);
  const open = d.status === "open";

  return (
    <div data-testid="outbound-detail" data-status={d.status}>
      <BackLink list="outbound" />
      <DocumentTitle
        number={d.number}
        testId="outbound-number"
        tags={
          <>
            <KindTag kind={d.kind} />
            <OutboundStatusTag status={d.status} />
          </>
        }
      >
        <Space wrap>
          <Link to={`${place.route}/outbound/${d.id}/print`} data-testid="outbound-print">
            <Button icon={<PrinterOutlined />}>{t("invFlow.outbound.printPickList")}</Button>
          </Link>
          {open ? <CancelDocumentButton doc={d} path="outbound" queryKey={outboundKey} i18nPrefix="invFlow.outbound" testIdPrefix="outbound" /> : null}
          {open ? (
            <Popconfirm
              title={t("invFlow.outbound.confirmTitle")}
              description={t(`invFlow.outbound.confirmText.${d.kind}`, { units: d.units, target: d.targetWarehouse?.code ?? "", supplier: d.supplier?.name ?? "" })}
              okText={t("invFlow.outbound.complete")}
              cancelText={t("common.cancel")}
              okButtonProps={{ "data-testid": "outbound-done-confirm" } as ButtonProps}
              onConfirm={() => complete.mutate()}
            >
              <Button type="primary" icon={<CheckOutlined />} loading={complete.isPending} data-testid="outbound-done">
                {t("invFlow.outbound.complete")}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      </DocumentTitle>
      <FlowErrorAlert error={complete.error} style={{ marginBottom: 16 }} />
      {open && short.length ? (
        <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t("invFlow.outbound.shortWarning", { skus: short.map((l) => `${l.skuCode} (${l.plannedShort})`).join("，") })} data-testid="outbound-short" />
      ) : null}
      <Row gutter={[16, 16]}>
        <Col span={24}>
          <Card title={t("invFlow.outbound.facts")}>
            <Descriptions column={{ xs: 1, md: 2 }} size="small" styles={{ label: { whiteSpace: "nowrap" } }} data-testid="outbound-facts">
              <Descriptions.Item label={t("invFlow.outbound.destination")}>
                <Destination d={{ kind: d.kind, warehouseCode: d.warehouse.code, targetWarehouseCode: d.targetWarehouse?.code ?? null, supplierName: d.supplier?.name ?? null, orderRef: d.orderRef }} />
              </Descriptions.Item>
              <Descriptions.Item label={t("invFlow.fields.warehouse")}>{`${d.warehouse.code} · ${d.warehouse.name}`}</Descriptions.Item>
              {d.targetWarehouse ? <Descriptions.Item label={t("invFlow.newOutbound.target")}>{`${d.targetWarehouse.code} · ${d.targetWarehouse.name}`}</Descriptions.Item> : null}
              {d.reservation ? (
                <Descriptions.Item label={t("invFlow.outbound.reservation")}>
                  {`${d.reservation.referenceType}:${d.reservation.referenceId} · ${t(`invFlow.reservationStatus.${d.reservation.status}`, { defaultValue: d.reservation.status })}`}
                </Descriptions.Item>
              ) : null}
              <Descriptions.Item label={t("invFlow.fields.created")}>{`${formatDateTime(d.createdAt)} · ${d.createdBy}`}</Descriptions.Item>
              {d.doneAt ? <Descriptions.Item label={t("invFlow.fields.doneAt")}>{`${formatDateTime(d.doneAt)} · ${d.doneBy ?? ""}`}</Descriptions.Item> : null}
              {noteItem(t("invFlow.fields.note"), d.note)}
            </Descriptions>
          </Card>
        </Col>
        <Col span={24}>
          <Card title={open ? t("invFlow.outbound.plannedTitle") : t("invFlow.outbound.pickedTitle")} extra={open ? <Typography.Text type="secondary">{t("invFlow.outbound.plannedHint")}</Typography.Text> : null}>
            <Table<OutboundLine>
              rowKey="id"
              dataSource={d.lines}
              pagination={false}
              scroll={{ x: 900 }}
              data-testid="outbound-lines"
              onRow={(l) => ({ "data-testid": `outbound-line-${l.skuCode}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: t("invFlow.fields.product"),
                  key: "product",
                  width: 260,
                  render: (_, l) => <ProductCell line={l} />,
                },
                { title: t("invFlow.outbound.quantity"), dataIndex: "quantity", width: 90, align: "right" },
                // An order's own hold is in "reserved": what is free for others says nothing here.
                ...(open && d.kind !== "order"
                  ? [{ title: t("invFlow.outbound.available"), key: "available", width: 110, align: "right" as const, render: (_: unknown, l: OutboundLine) => <span style={{ fontVariantNumeric: "tabular-nums" }}>{l.available}</span> }]
                  : []),
                {
                  title: t("invFlow.outbound.batches"),
                  key: "picks",
                  render: (_, l) => <Picks picks={open ? l.plannedPicks : l.picks} testId={open ? "planned-picks" : "done-picks"} />,
                },
              ]}
            />
          </Card>
        </Col>
      </Row>
    </div>
  );
}
