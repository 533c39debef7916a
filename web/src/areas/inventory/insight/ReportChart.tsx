import { useState } from "react";
import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ReportDay } from "./types";

const COLORS = { in: "#389e0d", out: "#d46b08", closing: "#1677ff" };
const W = 960;
const H = 330;
const PAD = { top: 16, right: 24, bottom: 28, left: 56 };
// Closing stock above, the day's movements below, on one shared day axis.
const LINE_H = 150;
const GAP = 26;
const BARS_H = H - PAD.top - PAD.bottom - LINE_H - GAP;

/** A rounded-up axis maximum (1, 2, 5 × 10ⁿ) so that the ticks are round numbers. */
function niceMax(v: number): number {
  if (v <= 0) return 1;
  const p = 10 ** Math.floor(Math.log10(v));
  return ([1, 2, 5, 10].find((m) => m * p >= v) ?? 10) * p;
}

/**
 * I7: the month day by day: the closing stock as a line, the units in (up) and out (down) as
 * bars. A small SVG of its own, as the app has no chart library.
 */
export function ReportChart({ days, month }: { days: ReportDay[]; month: string }) {
  const { t } = useTranslation();
  const [hover, setHover] = useState<number | null>(null);
  const innerW = W - PAD.left - PAD.right;
  // The whole month on the axis, also while it runs: the days to come stay empty.
  const [y, m] = month.split("-").map(Number) as [number, number];
  const monthDays = new Date(Date.UTC(y, m, 0)).getUTCDate();
  const slot = innerW / monthDays;
  const x = (i: number) => PAD.left + slot * i + slot / 2;

  const closingMax = niceMax(Math.max(...days.map((d) => d.closing), 0));
  const yLine = (v: number) => PAD.top + LINE_H * (1 - v / closingMax);
  const flowMax = niceMax(Math.max(...days.flatMap((d) => [d.in, d.out]), 0));
  const barsTop = PAD.top + LINE_H + GAP;
  const zero = barsTop + BARS_H / 2;
  const barH = (v: number) => (BARS_H / 2) * (v / flowMax);
  const barW = Math.max(2, Math.min(18, slot * 0.6));
  const path = days.map((d, i) => `${i ? "L" : "M"}${x(i)},${yLine(d.closing)}`).join(" ");
  const area = days.length ? `${path} L${x(days.length - 1)},${yLine(0)} L${x(0)},${yLine(0)} Z` : "";
  const label = (i: number) => i === 0 || i === monthDays - 1 || ((i + 1) % 5 === 0 && i < monthDays - 3);
  const shown = hover !== null ? days[hover] : undefined;

  return (
    <div data-testid="report-chart" data-days={days.length}>
      <Flex gap={16} wrap style={{ marginBottom: 4 }}>
        {(["closing", "in", "out"] as const).map((s) => (
          <span key={s} style={{ display: "inline-flex", alignItems: "center", gap: 6, fontSize: 13 }}>
            <span style={{ width: 14, height: s === "closing" ? 3 : 10, background: COLORS[s], borderRadius: 2, display: "inline-block" }} />
            {t(`invAlert.report.chart.${s}`)}
          </span>
        ))}
      </Flex>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("invAlert.report.chart.aria", { month })} style={{ display: "block" }}>
        {[0, 0.5, 1].filter((f) => Number.isInteger(closingMax * f)).map((f) => (
          <g key={`c${f}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={yLine(closingMax * f)} y2={yLine(closingMax * f)} stroke="#f0f0f0" />
            <text x={PAD.left - 8} y={yLine(closingMax * f)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#8c8c8c">
              {closingMax * f}
            </text>
          </g>
        ))}
        {[-1, 0, 1].map((f) => (
          <g key={`f${f}`}>
            <line x1={PAD.left} x2={W - PAD.right} y1={zero - barH(flowMax * f)} y2={zero - barH(flowMax * f)} stroke={f === 0 ? "#bfbfbf" : "#f0f0f0"} />
            <text x={PAD.left - 8} y={zero - barH(flowMax * f)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#8c8c8c">
              {f === 0 ? 0 : f > 0 ? `+${flowMax}` : `−${flowMax}`}
            </text>
          </g>
        ))}
        {Array.from({ length: monthDays }, (_, i) =>
          label(i) ? (
            <text key={`d${i}`} x={x(i)} y={H - PAD.bottom + 18} textAnchor="middle" fontSize={11} fill={hover === i ? "#262626" : "#8c8c8c"}>
              {i + 1}
            </text>
          ) : null,
        )}
        {hover !== null ? <rect x={x(hover) - slot / 2} y={PAD.top} width={slot} height={H - PAD.top - PAD.bottom} fill="#fafafa" /> : null}
        <path d={area} fill={COLORS.closing} opacity={0.08} />
        <path d={path} fill="none" stroke={COLORS.closing} strokeWidth={2.5} strokeLinejoin="round" data-testid="report-chart-closing" />
        {days.map((d, i) => (
          <g key={d.day}>
            {d.in ? <rect x={x(i) - barW / 2} y={zero - barH(d.in)} width={barW} height={barH(d.in)} fill={COLORS.in} rx={1.5} data-testid="report-chart-in" /> : null}
            {d.out ? <rect x={x(i) - barW / 2} y={zero} width={barW} height={barH(d.out)} fill={COLORS.out} rx={1.5} data-testid="report-chart-out" data-day={d.day} /> : null}
            <circle cx={x(i)} cy={yLine(d.closing)} r={hover === i ? 4 : 2} fill="#fff" stroke={COLORS.closing} strokeWidth={1.5} />
            <rect x={x(i) - slot / 2} y={PAD.top} width={slot} height={H - PAD.top - PAD.bottom} fill="transparent" onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)}>
              <title>{t("invAlert.report.chart.day", { day: d.day, in: d.in, out: d.out, closing: d.closing })}</title>
            </rect>
          </g>
        ))}
      </svg>
      <div style={{ minHeight: 22, textAlign: "center" }} aria-live="polite">
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {shown ? t("invAlert.report.chart.day", { day: shown.day, in: shown.in, out: shown.out, closing: shown.closing }) : t("invAlert.report.chart.hint")}
        </Typography.Text>
      </div>
    </div>
  );
}
