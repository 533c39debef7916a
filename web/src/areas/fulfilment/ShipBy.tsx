import { Space, Tag, Typography } from "antd";
import { ClockCircleOutlined, WarningFilled } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { formatDateTime } from "../../components/format";
import { duration, useNow } from "../../components/orders/fulfil";
import type { OrderStatus } from "../../components/orders/types";

const OPEN: OrderStatus[] = ["paid", "partly_shipped"];

/** O5: the red tag of an order not shipped by its deadline. */
export function OverdueTag({ order }: { order: { status: OrderStatus; shipOverdueAt?: string | null } }) {
  const { t } = useTranslation();
  if (!order.shipOverdueAt || !OPEN.includes(order.status)) return null;
  return (
    <Tag color="red" icon={<WarningFilled />} style={{ marginInlineEnd: 0 }} data-testid="order-overdue-tag">
      {t("fulfil.shipBy.overdue")}
    </Tag>
  );
}

/** O5: when the order must ship, and while it is open how long is left (or that the time has passed). */
export function ShipByFact({ order }: { order: { status: OrderStatus; shipBy?: string | null; shipOverdueAt?: string | null } }) {
  const { t } = useTranslation();
  const now = useNow();
  if (!order.shipBy) return null;
  const open = OPEN.includes(order.status);
  const left = new Date(order.shipBy).getTime() - now;
  return (
    <div data-testid="order-ship-by">
      <Typography.Text>{formatDateTime(order.shipBy)}</Typography.Text>
      {open ? (
        <div>
          {left > 0 && !order.shipOverdueAt ? (
            <Typography.Text style={{ color: left < 12 * 3_600_000 ? "#d46b08" : "#1677ff" }} data-testid="order-ship-by-left">
              <ClockCircleOutlined /> {t("fulfil.shipBy.left", { left: duration(left) })}
            </Typography.Text>
          ) : (
            <Space size={6} wrap>
              <Typography.Text type="danger" data-testid="order-ship-by-over">
                {t("fulfil.toShip.overdueFor", { duration: duration(Math.max(0, -left)) })}
              </Typography.Text>
            </Space>
          )}
          {order.shipOverdueAt ? (
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t("fulfil.shipBy.flaggedAt", { at: formatDateTime(order.shipOverdueAt) })}
              </Typography.Text>
            </div>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
