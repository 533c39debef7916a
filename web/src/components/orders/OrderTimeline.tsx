import { Space, Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDateTimeSeconds } from "../format";
import { tx } from "../tx";
import { OrderStatusTag } from "./StatusTags";
import type { TimelineEvent } from "./types";

const COLOR: Record<string, string> = { place: "blue", pay: "green", ship_part: "blue", ship: "blue", deliver: "green", complete: "green", cancel: "gray", expire: "gray", close: "red", ship_overdue: "red" };
// A shipping step's "reason" is its carrier and waybill: shown as it is, not as a reason.
const PLAIN = new Set(["ship", "ship_part"]);
// Delivery and completion carry the platform's own note ("Receipt confirmed"): the buyer reads the step's name.
const NOTED = new Set(["deliver", "complete"]);

/**
 * O3: every change of an order, oldest first, with who made it, when and why. The buyer reads
 * "me" for their own steps, and the system's reasons stay internal notes there: the event's
 * name says it. The shop and the platform see every reason, who acted and the status reached.
 */
export function OrderTimeline({ events, buyer = false }: { events: TimelineEvent[]; buyer?: boolean }) {
  const { t } = useTranslation();
  const actorName = (kind: string) => (kind === "buyer" && !buyer ? t("tradeOps.fields.buyer") : tx(`checkout.actor.${kind}`, kind));
  const named = (kind: string) => (buyer ? kind === "merchant" || kind === "staff" : kind !== "buyer");
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLOR[e.event] ?? "gray",
        content: (
          <div data-testid="timeline-item" data-event={e.event}>
            <Space size={8} wrap>
              {/* An event this screen does not know yet shows the status it led to. */}
              <Typography.Text strong data-testid="timeline-label">
                {tx(`checkout.event.${e.event}`, tx(`fulfil.event.${e.event}`, tx(`exceptions.event.${e.event}`, tx(`checkout.status.${e.to}`, e.event))))}
              </Typography.Text>
              {buyer ? null : <OrderStatusTag status={e.to} />}
            </Space>
            <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)", marginTop: 2 }}>
              {formatDateTimeSeconds(e.at)} · {actorName(e.actorKind)}
              {e.actor && named(e.actorKind) ? `（${e.actor}）` : ""}
            </div>
            {e.reason && !(buyer && (e.actorKind === "system" || NOTED.has(e.event))) ? (
              <Typography.Paragraph type="secondary" style={{ margin: 0, fontSize: 13, whiteSpace: "pre-wrap" }} data-testid="timeline-reason">
                {PLAIN.has(e.event) ? e.reason : t("checkout.timeline.reason", { reason: e.reason })}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
