import { useState } from "react";
import type { ReactNode } from "react";
import { Button, Divider, Empty, Flex, Space, Tag, Timeline, Typography } from "antd";
import { CheckCircleFilled, EnvironmentOutlined, WarningFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../format";
import { tx } from "../tx";
import { carrierName, kg } from "./fulfil";
import { ShipmentStatusTag } from "./StatusTags";
import type { Shipment, TrackingEvent } from "./types";

const SHOWN = 4;
const DELIVERED = "#389e0d";

/** L3: what the carrier said, newest first; the delivery stands out, a problem too. */
function TrackingTimeline({ events }: { events: TrackingEvent[] }) {
  const { t } = useTranslation();
  const [all, setAll] = useState(false);
  if (!events.length) {
    return (
      <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="tracking-empty">
        {t("fulfil.tracking.noEvents")}
      </Typography.Text>
    );
  }
  const shown = all ? events : events.slice(0, SHOWN);
  return (
    <>
      <Timeline
        data-testid="tracking-timeline"
        style={{ marginTop: 8, marginBottom: 0 }}
        items={shown.map((e, i) => {
          const delivered = e.kind === "delivered";
          const problem = e.kind === "problem" || e.kind === "returned" || e.kind === "rejected";
          const latest = i === 0;
          return {
            key: `${e.at}-${e.kind}-${i}`,
            color: delivered ? "green" : problem ? "red" : latest ? "blue" : "gray",
            icon: delivered ? <CheckCircleFilled style={{ color: DELIVERED, fontSize: 16 }} /> : problem ? <WarningFilled style={{ color: "#cf1322", fontSize: 14 }} /> : undefined,
            content: (
              <div
                data-testid="tracking-event"
                data-kind={e.kind}
                style={delivered ? { background: "#f6ffed", border: "1px solid #b7eb8f", borderRadius: 6, padding: "6px 10px", marginTop: -4 } : undefined}
              >
                <Space size={8} wrap>
                  <Typography.Text strong={latest || delivered} style={{ color: delivered ? DELIVERED : latest ? undefined : "rgba(0,0,0,0.65)" }} data-testid="tracking-kind">
                    {tx(`fulfil.trackingKind.${e.kind}`, e.kind)}
                  </Typography.Text>
                  {e.source === "manual" ? <Tag style={{ marginInlineEnd: 0, fontSize: 11, lineHeight: "16px" }}>{t("fulfil.tracking.manual")}</Tag> : null}
                </Space>
                <div style={{ color: latest ? "rgba(0,0,0,0.88)" : "rgba(0,0,0,0.6)", fontSize: 13 }} data-testid="tracking-text">
                  {e.text}
                </div>
                <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)" }}>
                  {formatDateTime(e.at)}
                  {e.location ? (
                    <span style={{ marginInlineStart: 8 }}>
                      <EnvironmentOutlined /> {e.location}
                    </span>
                  ) : null}
                </div>
              </div>
            ),
          };
        })}
      />
      {events.length > SHOWN ? (
        <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setAll(!all)} data-testid="tracking-more">
          {all ? t("fulfil.tracking.less") : t("fulfil.tracking.more", { count: events.length })}
        </Button>
      ) : null}
    </>
  );
}

/**
 * An order's shipments (L2, L3): carrier and waybill, when it left and is promised, what is
 * in it, and the tracking timeline. The shop also sees parcels and the batches each line
 * came from (P6). `actions` adds buttons to a shipment (add tracking, report a problem).
 */
export function ShipmentTracking({ shipments, audience, actions }: { shipments: Shipment[]; audience: "buyer" | "shop"; actions?: (s: Shipment) => ReactNode }) {
  const { t } = useTranslation();
  if (!shipments.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("fulfil.tracking.none")} data-testid="shipments-empty" />;
  const shop = audience === "shop";
  // The newest shipment first: it is the one a buyer is waiting for.
  const ordered = [...shipments].reverse();
  return (
    <div data-testid="shipments">
      {ordered.map((s, i) => (
        <div key={s.id} data-testid="shipment" data-tracking-no={s.trackingNo} data-status={s.status}>
          {i ? <Divider style={{ margin: "12px 0" }} /> : null}
          <Flex justify="space-between" align="flex-start" gap={12} wrap>
            <div style={{ minWidth: 0 }}>
              <Space size={8} wrap>
                <Typography.Text strong data-testid="shipment-carrier">
                  {carrierName(s.carrier)}
                </Typography.Text>
                <Typography.Text copyable={{ text: s.trackingNo }} style={{ fontFamily: "monospace" }} data-testid="shipment-tracking-no">
                  {s.trackingNo}
                </Typography.Text>
                <ShipmentStatusTag status={s.status} />
                {s.reshipOfCaseId ? <Tag color="purple" style={{ marginInlineEnd: 0 }}>{t("fulfil.tracking.reship")}</Tag> : null}
              </Space>
              <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)", marginTop: 2 }}>
                {t("fulfil.tracking.shippedAt", { at: formatDateTime(s.shippedAt) })}
                {s.deliveredAt ? (
                  <span style={{ color: DELIVERED }} data-testid="shipment-delivered-at">
                    {" · "}
                    {t("fulfil.tracking.deliveredAt", { at: formatDateTime(s.deliveredAt) })}
                  </span>
                ) : s.promisedBy ? (
                  ` · ${t("fulfil.tracking.promisedBy", { at: formatDateTime(s.promisedBy) })}`
                ) : null}
                {shop ? ` · ${t("fulfil.tracking.shippedBy", { by: s.shippedBy })}` : null}
              </div>
            </div>
            {actions ? <Space wrap>{actions(s)}</Space> : null}
          </Flex>
          {shop || shipments.length > 1 ? (
            <div style={{ marginTop: 8, fontSize: 13 }} data-testid="shipment-lines">
              {s.lines.map((l) => (
                <div key={l.orderLineId} data-testid="shipment-line">
                  <Typography.Text>{l.title}</Typography.Text>
                  {shop ? <Typography.Text type="secondary" style={{ fontFamily: "monospace", marginInlineStart: 6, fontSize: 12 }}>{l.skuCode}</Typography.Text> : null}
                  <Typography.Text type="secondary"> × {l.quantity}</Typography.Text>
                  {shop && l.batches.length ? (
                    <Typography.Text type="secondary" style={{ fontSize: 12, marginInlineStart: 8 }} data-testid="shipment-batches">
                      {l.batches.map((b) => t("fulfil.tracking.batch", { no: b.batchNo, quantity: b.quantity })).join("，")}
                    </Typography.Text>
                  ) : null}
                </div>
              ))}
            </div>
          ) : null}
          {shop ? (
            <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)", marginTop: 4 }} data-testid="shipment-parcels">
              {t("fulfil.tracking.parcels", { count: s.parcels.length, weight: kg(s.weightGrams) })}
              {s.parcels.length > 1 ? `：${s.parcels.map((p) => t("fulfil.tracking.parcel", { seq: p.seq, weight: kg(p.weightGrams) })).join("；")}` : ""}
            </div>
          ) : null}
          <div style={{ marginTop: 10 }}>
            <TrackingTimeline events={s.events} />
          </div>
        </div>
      ))}
    </div>
  );
}
