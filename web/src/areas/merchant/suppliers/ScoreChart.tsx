import { useState } from "react";
import { Flex, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { comparePeriods, dimensionName, periodLabel, scoreText } from "./kit";
import { DIMENSIONS } from "./types";
import type { Evaluation } from "./types";

type Series = "score" | (typeof DIMENSIONS)[number];
const COLORS: Record<Series, string> = { score: "#c2410c", quality: "#1677ff", price: "#13a8a8", delivery: "#722ed1", service: "#d48806" };

const W = 960;
const H = 300;
const PAD = { top: 20, right: 52, bottom: 40, left: 44 };

/**
 * The scorecards over the periods: the weighted score and the four dimensions, as lines.
 * A small SVG of its own (the app has no chart library); legend entries show or hide a line.
 */
export function ScoreChart({ evaluations }: { evaluations: Evaluation[] }) {
  const { t } = useTranslation();
  const [hidden, setHidden] = useState<Set<Series>>(new Set());
  const [hover, setHover] = useState<number | null>(null);
  const points = [...evaluations].sort((a, b) => comparePeriods(a.period, b.period));
  const series: Series[] = ["score", ...DIMENSIONS];
  const shown = series.filter((s) => !hidden.has(s));
  const value = (e: Evaluation, s: Series) => (s === "score" ? e.score : e[s]);

  // The y axis starts at the tens below the lowest value shown, so that differences stay visible.
  const values = points.flatMap((e) => shown.map((s) => value(e, s)));
  const min = values.length ? Math.max(0, Math.floor(Math.min(...values) / 10) * 10 - 10) : 0;
  const ticks: number[] = [];
  const step = 100 - min > 50 ? 20 : 10;
  for (let v = 100; v >= min; v -= step) ticks.push(v);
  if (ticks[ticks.length - 1] !== min) ticks.push(min);

  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (i: number) => PAD.left + (points.length === 1 ? innerW / 2 : (innerW * i) / (points.length - 1));
  const y = (v: number) => PAD.top + innerH * (1 - (v - min) / (100 - min));

  const toggle = (s: Series) =>
    setHidden((h) => {
      const next = new Set(h);
      if (next.has(s)) next.delete(s);
      else next.add(s);
      return next;
    });
  const name = (s: Series) => (s === "score" ? t("supplierUi.chart.weighted") : dimensionName(s));

  return (
    <div data-testid="score-chart" data-points={points.length}>
      <Flex gap={16} wrap style={{ marginBottom: 8 }} role="group" aria-label={t("supplierUi.chart.legend")}>
        {series.map((s) => (
          <button
            key={s}
            type="button"
            onClick={() => toggle(s)}
            aria-pressed={!hidden.has(s)}
            data-testid={`chart-legend-${s}`}
            style={{ display: "inline-flex", alignItems: "center", gap: 6, border: 0, background: "none", padding: 0, cursor: "pointer", opacity: hidden.has(s) ? 0.4 : 1, font: "inherit" }}
          >
            <span style={{ width: 16, height: s === "score" ? 4 : 2, background: COLORS[s], borderRadius: 2, display: "inline-block" }} />
            <Typography.Text style={{ fontSize: 13, fontWeight: s === "score" ? 600 : undefined }}>{name(s)}</Typography.Text>
          </button>
        ))}
      </Flex>
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" role="img" aria-label={t("supplierUi.chart.aria", { count: points.length })} style={{ display: "block" }}>
        {ticks.map((v) => (
          <g key={v}>
            <line x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} stroke="#f0f0f0" />
            <text x={PAD.left - 8} y={y(v)} textAnchor="end" dominantBaseline="middle" fontSize={11} fill="#8c8c8c">
              {v}
            </text>
          </g>
        ))}
        {points.map((e, i) => (
          <text key={e.id} x={x(i)} y={H - PAD.bottom + 20} textAnchor="middle" fontSize={11} fill={hover === i ? "#262626" : "#8c8c8c"}>
            {e.period}
          </text>
        ))}
        {hover !== null ? <line x1={x(hover)} x2={x(hover)} y1={PAD.top} y2={H - PAD.bottom} stroke="#d9d9d9" strokeDasharray="4 3" /> : null}
        {shown.map((s) => (
          <g key={s} data-testid={`chart-line-${s}`}>
            {points.length > 1 ? (
              <polyline
                points={points.map((e, i) => `${x(i)},${y(value(e, s))}`).join(" ")}
                fill="none"
                stroke={COLORS[s]}
                strokeWidth={s === "score" ? 3 : 1.5}
                strokeDasharray={s === "score" ? undefined : "5 3"}
                strokeLinejoin="round"
              />
            ) : null}
            {points.map((e, i) => (
              <circle key={e.id} cx={x(i)} cy={y(value(e, s))} r={s === "score" ? 4.5 : 3} fill="#fff" stroke={COLORS[s]} strokeWidth={2}>
                <title>{`${periodLabel(e.period)} · ${name(s)} ${s === "score" ? scoreText(e.score) : value(e, s)}`}</title>
              </circle>
            ))}
            {s === "score"
              ? points.map((e, i) => (
                  <text key={e.id} x={x(i) + 8} y={y(e.score) - 8} fontSize={13} fontWeight={600} fill={COLORS.score} stroke="#fff" strokeWidth={4} paintOrder="stroke">
                    {scoreText(e.score)}
                  </text>
                ))
              : null}
          </g>
        ))}
        {/* Hover bands: one per period, showing that period's values. */}
        {points.map((e, i) => {
          const half = points.length === 1 ? innerW / 2 : innerW / (points.length - 1) / 2;
          return <rect key={e.id} x={x(i) - half} y={PAD.top} width={half * 2} height={innerH} fill="transparent" onMouseEnter={() => setHover(i)} onMouseLeave={() => setHover(null)} />;
        })}
      </svg>
      <div style={{ minHeight: 22, textAlign: "center" }} aria-live="polite">
        {hover !== null && points[hover] ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {periodLabel(points[hover].period)}
            {t("common.labelColon", { label: "" })}
            {series.map((s) => `${name(s)} ${s === "score" ? scoreText(points[hover]!.score) : value(points[hover]!, s)}`).join(" · ")}
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t("supplierUi.chart.hint")}
          </Typography.Text>
        )}
      </div>
    </div>
  );
}
