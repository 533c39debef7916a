import { Timeline, Typography } from "antd";
import { useTranslation } from "react-i18next";
import i18n from "../../../i18n";
import { formatDateTimeSeconds } from "../../../components/format";
import type { TimelineEvent } from "./orders";

const COLOR: Record<string, string> = { place: "blue", pay: "green", cancel: "gray", expire: "gray", close: "red", complete: "green" };

/** The words for an event; an event the storefront does not know yet shows its status. */
const eventLabel = (e: TimelineEvent) =>
  i18n.exists(`checkout.event.${e.event}`) ? i18n.t(`checkout.event.${e.event}` as never) : i18n.t(`checkout.status.${e.to}` as never);

/** O3: every change of the order, newest last, with who made it, when and why. */
export function OrderTimeline({ events }: { events: TimelineEvent[] }) {
  const { t } = useTranslation();
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e, i) => ({
        key: `${e.at}-${i}`,
        color: COLOR[e.event] ?? "blue",
        content: (
          <div data-testid="timeline-event" data-event={e.event}>
            <Typography.Text strong data-testid="timeline-label">
              {eventLabel(e)}
            </Typography.Text>
            <div style={{ fontSize: 12, color: "rgba(0,0,0,0.45)", marginTop: 2 }}>
              {formatDateTimeSeconds(e.at)} · {t(`checkout.actor.${e.actorKind}` as "checkout.actor.buyer")}
              {e.actor && (e.actorKind === "merchant" || e.actorKind === "staff") ? `（${e.actor}）` : ""}
            </div>
            {/* The system's own reasons are internal notes; the event's name says it for the buyer. */}
            {e.reason && e.actorKind !== "system" ? (
              <Typography.Text type="secondary" style={{ fontSize: 13 }} data-testid="timeline-reason">
                {t("checkout.timeline.reason", { reason: e.reason })}
              </Typography.Text>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
