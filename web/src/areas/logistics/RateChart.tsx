import { useState } from "react";
import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { percent, type Evaluation } from "./kit";

type Series = "onTimeRate" | "lossRate" | "damageRate";
const SERIES: Series[] = ["onTimeRate", "lossRate", "damageRate"];
const COLORS: Record<Series, string> = { onTimeRate: "#1677ff", lossRate: "#cf1322", damageRate: "#d48806" };

const W = 960;
const H = 280;
const PAD = { top: 16, right: 24, bottom: 52, left: 48 };

type Month = Evaluation & { month: string };

/**
 * L1: a carrier's monthly on-time, loss and damage rates over twelve months, with the
 * shipments of each month under its label. Months without a figure leave a gap in the line.
 */
export function RateChart({ months }: { months: Month[] }) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<number | null>(null);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (months.length === 1 ? innerW / 2 : (innerW * i) / (months.length - 1));
  const y = (v: number) => PAD.top + innerH * (1 - v);
  const maxShipments = Math.max(1, ...months.map((m) => m.shipments));

  // Runs of consecutive months with a value: one polyline each.
  const runs = (s: Series) => {
    const out: [number, number][][] = [];
    let cur: [number, number][] = [];
    months.forEach((m, i) => {
      const v = m[s];
      if (v === null) {
        if (cur.length) out.push(cur);
        cur = [];
      } else cur.push([x(i), y(v)]);
    });
    if (cur.length) out.push(cur);
    return out;
  };
  const label = (s: Series) => t(`logistics.chart.${s}`);
  const shown = hover !== null ? months[hover] : undefined;

  return (
    <div data-testid="rate-chart" data-months={months.length}>
      <Flex gap={20} wrap style={{ marginBottom: 8 }}>
        {SERIES.map((s) => (
          <span key={s} style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
            <span style={{ width: 16, height: s === "onTimeRate" ? 4 : 2, background: COLORS[s], borderRadius: 2, display: "inline-block" }} />
            <Typography.Text style={{ fontSize: 13 }}>{label(s)}</Typography.Text>
          </span>
        ))}
        <span style={{ display: "inline-flex", alignItems: "center", gap: 6 }}>
          <span style={{ width: 12, height: 10, background: "#e6f4ff", border: "1px solid #bae0ff", display: "inline-block" }} />
          <Typography.Text style={{ fontSize: 13 }}>{t("logistics.chart.shipments")}</Typography.Text>
        </span>
      </Flex>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("logistics.chart.aria", { count: months.length })} style={{ display: "block" }}>
        {/* Shipments per month as pale bars behind the rates. */}
        {months.map((m, i) => {
          const bw = Math.min(40, innerW / months.length - 8);
          const bh = (innerH * 0.45 * m.shipments) / maxShipments;
          return m.shipments ? <rect key={`b${m.month}`} x={x(i) - bw / 2} y={PAD.top + innerH - bh} width={bw} height={bh} fill="#e6f4ff" stroke="#bae0ff" rx={2} /> : null;
        })}
        {[0, 0.25, 0.5, 0.75, 1].map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
            <text x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#8c8c8c">
              {`${v * 100}%`}
            </text>
          </g>
        ))}
        {months.map((m, i) => (
          <g key={m.month}>
            <text x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize={11} fill={hover === i ? "#262626" : "#8c8c8c"}>
              {m.month.slice(2).replace("-", "/")}
            </text>
            <text x={x(i)} y={H - PAD.bottom + 34} textAnchor="middle" fontSize={10} fill="#bfbfbf" data-testid={`chart-shipments-${m.month}`}>
              {m.shipments}
            </text>
          </g>
        ))}
        {hover !== null ? <line x1={x(hover)} x2={x(hover)} y1={PAD.top} y2={H - PAD.bottom} stroke="#d9d9d9" strokeDasharray="4 3" /> : null}
        {SERIES.map((s) => (
          <g key={s} data-testid={`chart-line-${s}`}>
            {runs(s).map((run, k) =>
              run.length > 1 ? (
                <polyline key={k} points={run.map(([a, b]) => `${a},${b}`).join(" ")} fill="none" stroke={COLORS[s]} strokeWidth={s === "onTimeRate" ? 2.5 : 1.5} strokeLinejoin="round" />
              ) : null,
            )}
            {months.map((m, i) =>
              m[s] === null ? null : (
                <circle key={m.month} cx={x(i)} cy={y(m[s]!)} r={s === "onTimeRate" ? 4 : 3} fill="#fff" stroke={COLORS[s]} strokeWidth={2} data-testid={`chart-point-${s}-${m.month}`} data-value={m[s]!}>
                  <title>{`${m.month} · ${label(s)} ${percent(m[s])}`}</title>
                </circle>
              ),
            )}
          </g>
        ))}
        {months.map((m, i) => {
          const half = months.length === 1 ? innerW / 2 : innerW / (months.length - 1) / 2;
          return <rect key={`h${m.month}`} x={x(i) - half} y={PAD.top} width={half * 2} height={innerH} fill="transparent" onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)} />;
        })}
      </svg>
      <div style={{ minHeight: 22, textAlign: "center" }} aria-live="polite">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {shown
            ? t("logistics.chart.hoverLine", { month: shown.month, shipments: shown.shipments, onTime: percent(shown.onTimeRate), loss: percent(shown.lossRate), damage: percent(shown.damageRate) })
            : t("logistics.chart.hint")}
        </Typography.Text>
      </div>
    </div>
  );
}
