import { Empty, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { lineLabel } from "./kit";
import type { StocktakeLine } from "./types";

const SHOWN = 12;
const ROW = 28;
const W = 640;
const LABEL = 190;
const PAD = { top: 8, right: 44, bottom: 8 };
const SURPLUS = "#389e0d";
const SHORT = "#cf1322";

/**
 * Where the count differs from the books, largest first: shortages to the left in red,
 * surpluses to the right in green. A small SVG of its own (the app has no chart library).
 */
export function DifferenceChart({ lines }: { lines: StocktakeLine[] }) {
  const { t } = useTranslation();
  const differing = lines.filter((l) => l.difference).sort((a, b) => Math.abs(b.difference!) - Math.abs(a.difference!) || a.skuCode.localeCompare(b.skuCode));
  if (!differing.length) {
    const counted = lines.some((l) => l.countedQty !== null);
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={counted ? t("invCount.chart.none") : t("invCount.chart.notYet")} data-testid="difference-chart-empty" />;
  }
  const shown = differing.slice(0, SHOWN);
  const max = Math.max(...shown.map((l) => Math.abs(l.difference!)));
  const hasShort = shown.some((l) => l.difference! < 0);
  const hasSurplus = shown.some((l) => l.difference! > 0);
  const plotW = W - LABEL - PAD.right;
  // The zero line sits where it leaves room for the bars there are.
  const zero = LABEL + (hasShort && hasSurplus ? plotW / 2 : hasShort ? plotW : 0);
  const span = hasShort && hasSurplus ? plotW / 2 : plotW;
  // Room beside the longest bar for its value.
  const width = (d: number) => Math.max(2, (Math.abs(d) / max) * (span - 44));
  const H = PAD.top + PAD.bottom + shown.length * ROW;

  return (
    <div data-testid="difference-chart" data-bars={shown.length}>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("invCount.chart.aria", { count: differing.length })} style={{ display: "block", maxWidth: W }}>
        <line x1={zero} x2={zero} y1={PAD.top - 4} y2={H - PAD.bottom + 4} stroke="#bfbfbf" />
        {shown.map((l, i) => {
          const d = l.difference!;
          const y = PAD.top + i * ROW;
          const w = width(d);
          const x = d < 0 ? zero - w : zero;
          return (
            <g key={l.id} data-testid="difference-bar" data-sku={l.skuCode} data-value={d}>
              <title>{`${l.productTitle} ${lineLabel(l)}: ${t("invCount.chart.tooltip", { expected: l.expectedQty, counted: l.countedQty })}`}</title>
              <text x={LABEL - 10} y={y + ROW / 2} textAnchor="end" dominantBaseline="middle" fontSize={12} fill="#595959">
                {lineLabel(l).length > 26 ? `${lineLabel(l).slice(0, 25)}…` : lineLabel(l)}
              </text>
              <rect x={x} y={y + 5} width={w} height={ROW - 10} rx={3} fill={d < 0 ? SHORT : SURPLUS} opacity={0.85} />
              <text
                x={d < 0 ? x - 6 : x + w + 6}
                y={y + ROW / 2}
                textAnchor={d < 0 ? "end" : "start"}
                dominantBaseline="middle"
                fontSize={12}
                fontWeight={600}
                fill={d < 0 ? SHORT : SURPLUS}
                stroke="#fff"
                strokeWidth={3}
                paintOrder="stroke"
              >
                {d > 0 ? `+${d}` : `−${-d}`}
              </text>
            </g>
          );
        })}
      </svg>
      {differing.length > SHOWN ? (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t("invCount.chart.more", { count: differing.length - SHOWN })}
        </Typography.Text>
      ) : null}
    </div>
  );
}
