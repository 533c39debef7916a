import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { formatDate } from "../../../components/format";
import { SOON_DAYS } from "./kit";
import type { Batch } from "./types";

const W = 900;
const H = 92;
const BAR_Y = 26;
const BAR_H = 28;
const COLORS = { expired: "#ff4d4f", soon: "#fa8c16", fresh: "#52c41a", open: "#13a8a8", blocked: "#d9d9d9" };

type Tone = keyof typeof COLORS;
const toneOf = (b: Batch): Tone => (b.expiryDate === null ? "open" : b.expired ? "expired" : (b.daysToExpiry ?? 0) <= SOON_DAYS ? "soon" : "fresh");

/**
 * The level's units as they will leave: one segment per batch, first expiry first, the
 * sellable units coloured by how near their date is and the units set aside in grey.
 * A small SVG of its own (the app has no chart library).
 */
export function BatchChart({ batches }: { batches: Batch[] }) {
  const { t } = useTranslation();
  const shown = batches.filter((b) => b.onHand + b.blocked > 0);
  const total = shown.reduce((n, b) => n + b.onHand + b.blocked, 0);
  if (!total) return null;
  const unit = W / total;
  let x = 0;
  const segments = shown.map((b, i) => {
    const start = x;
    const sellable = b.onHand * unit;
    const aside = b.blocked * unit;
    x += sellable + aside;
    return { b, i, start, sellable, aside, tone: toneOf(b) };
  });
  const legend: Tone[] = ["fresh", "soon", "expired", "open", "blocked"];
  return (
    <div data-testid="batch-chart" data-batches={shown.map((b) => b.batchNo).join(",")}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("invStock.chart.aria", { count: shown.length, total })} style={{ display: "block", overflow: "visible" }}>
        {segments.map(({ b, i, start, sellable, aside, tone }) => {
          const width = sellable + aside;
          const roomy = width > 70;
          return (
            <g key={b.id}>
              <title>{t("invStock.chart.segment", { batch: b.batchNo, onHand: b.onHand, blocked: b.blocked, expiry: b.expiryDate ? formatDate(b.expiryDate) : t("invStock.batches.noExpiry") })}</title>
              <rect x={start} y={BAR_Y} width={Math.max(0, sellable - 1)} height={BAR_H} fill={COLORS[tone]} rx={2} />
              {aside > 0 ? <rect x={start + sellable} y={BAR_Y} width={Math.max(0, aside - 1)} height={BAR_H} fill={COLORS.blocked} rx={2} /> : null}
              {roomy ? (
                <>
                  <text x={start + 4} y={BAR_Y - 8} fontSize={12} fill="#595959">
                    {`${i + 1}. ${b.batchNo}`}
                  </text>
                  <text x={start + 4} y={BAR_Y + BAR_H / 2 + 4} fontSize={12} fill="#fff" fontWeight={600}>
                    {b.onHand + b.blocked}
                  </text>
                  <text x={start + 4} y={BAR_Y + BAR_H + 16} fontSize={11} fill={tone === "expired" ? COLORS.expired : "#8c8c8c"}>
                    {b.expiryDate ? formatDate(b.expiryDate) : "—"}
                  </text>
                </>
              ) : (
                <text x={start + width / 2} y={BAR_Y - 8} fontSize={11} fill="#8c8c8c" textAnchor="middle">
                  {i + 1}
                </text>
              )}
            </g>
          );
        })}
      </svg>
      <Flex justify="space-between" style={{ fontSize: 12, marginTop: 2 }}>
        <Typography.Text type="secondary">{t("invStock.chart.first")}</Typography.Text>
        <Typography.Text type="secondary">{t("invStock.chart.last")}</Typography.Text>
      </Flex>
      <Flex justify="flex-end" wrap gap={8} style={{ fontSize: 12, marginTop: 4 }}>
        <Flex gap={12} wrap>
          {legend.map((k) => (
            <span key={k} style={{ display: "inline-flex", alignItems: "center", gap: 4 }}>
              <span style={{ width: 10, height: 10, background: COLORS[k], borderRadius: 2, display: "inline-block" }} />
              <Typography.Text type="secondary">{t(`invStock.chart.${k}`)}</Typography.Text>
            </span>
          ))}
        </Flex>
      </Flex>
    </div>
  );
}
