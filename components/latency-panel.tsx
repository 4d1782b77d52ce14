"use client";

import { useId, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { formatDateTime, formatTime } from "@/core/format";
import type { LatencyPoint } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { formatMs } from "./format-ms";
import { summariseLatency } from "./latency-summary";

export type LatencySeries = { key: string; label: string; points: LatencyPoint[] };

const P50_COLOUR = "#1d4f91";
const P95_COLOUR = "#a34a00";

type Row = { t: number; p50: number | null; p95: number | null };

/** A dot only for an hour with no measured neighbour: a line needs two points, so a lone hour would not show at all. */
function loneDot(rows: Row[], key: "p50" | "p95", colour: string) {
  function LoneDot(props: DotItemDotProps) {
    const i = props.index;
    const lone = rows[i]?.[key] != null && rows[i - 1]?.[key] == null && rows[i + 1]?.[key] == null;
    if (!lone || props.cx == null || props.cy == null) return <g key={`${key}-${i}`} />;
    return <circle key={`${key}-${i}`} cx={props.cx} cy={props.cy} r={3.5} fill={colour} />;
  }
  return LoneDot;
}

/**
 * Hourly p50/p95 for one function at a time, chosen with radio buttons. The
 * summary and the <details> table beside the chart say the same in text.
 */
export function LatencyPanel({ series, lang, timeZone }: { series: LatencySeries[]; lang: Lang; timeZone: string }) {
  const m = t(lang);
  const [selected, setSelected] = useState(series[0]?.key ?? "");
  const groupName = useId();
  const current = series.find((s) => s.key === selected) ?? series[0];
  if (!current) return null;
  const data: Row[] = current.points.map((p) => ({ t: Date.parse(p.hourStart), p50: p.p50, p95: p.p95 }));
  const summary = summariseLatency(current.points);
  const hourLabel = (iso: string) => formatDateTime(new Date(iso), lang, timeZone);
  const ms = (v: number | null) => (v === null ? m.never : formatMs(v));

  return (
    <div className="latency">
      {series.length > 1 && (
        <fieldset className="segmented">
          <legend>{m.latencyChooseFunction}</legend>
          {series.map((s) => (
            <label key={s.key} className={s.key === current.key ? "is-selected" : undefined}>
              <input type="radio" name={groupName} value={s.key} checked={s.key === current.key} onChange={() => setSelected(s.key)} />
              {s.label}
            </label>
          ))}
        </fieldset>
      )}
      <div className="latency-grid">
        <figure className="latency-chart" aria-label={m.latencyChartLabel(current.label)}>
          {summary.hoursWithData === 0 ? (
            <p className="muted chart-empty">{m.latencyNoData}</p>
          ) : (
            <LineChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#e3e6ea" vertical={false} />
              <XAxis
                dataKey="t"
                tickFormatter={(v: number) => formatTime(new Date(v), timeZone)}
                minTickGap={28}
                tick={{ fontSize: 12, fill: "#4b5563" }}
                stroke="#9aa3ad"
              />
              <YAxis tickFormatter={(v: number) => `${v} ms`} tick={{ fontSize: 12, fill: "#4b5563" }} width={64} stroke="#9aa3ad" />
              <Tooltip
                labelFormatter={(v) => formatDateTime(new Date(Number(v)), lang, timeZone)}
                formatter={(v) => (typeof v === "number" ? formatMs(v) : String(v ?? ""))}
              />
              <Legend wrapperStyle={{ fontSize: 13 }} />
              <Line
                type="linear"
                dataKey="p50"
                name={m.latencyP50}
                stroke={P50_COLOUR}
                strokeWidth={2}
                dot={loneDot(data, "p50", P50_COLOUR)}
                isAnimationActive={false}
              />
              <Line
                type="linear"
                dataKey="p95"
                name={m.latencyP95}
                stroke={P95_COLOUR}
                strokeWidth={2}
                strokeDasharray="6 4"
                dot={loneDot(data, "p95", P95_COLOUR)}
                isAnimationActive={false}
              />
            </LineChart>
          )}
        </figure>
        <div className="latency-summary">
          <h3>
            {m.latencySummaryHeading}: {current.label}
          </h3>
          <ul>
            {summary.latest && <li>{m.latencyLatest(hourLabel(summary.latest.hourStart), ms(summary.latest.p50), ms(summary.latest.p95))}</li>}
            {summary.worst && summary.worst.p95 !== null && <li>{m.latencyWorst(hourLabel(summary.worst.hourStart), ms(summary.worst.p95))}</li>}
            <li>{m.latencyCoverage(summary.hoursWithData, summary.hours)}</li>
          </ul>
          <details className="text-alt">
            <summary>{m.latencyTable}</summary>
            <div className="table-scroll">
              <table className="data-table compact">
                <caption className="visually-hidden">{m.latencyChartLabel(current.label)}</caption>
                <thead>
                  <tr>
                    <th scope="col">{m.colHour}</th>
                    <th scope="col">p50</th>
                    <th scope="col">p95</th>
                    <th scope="col">{m.colSamples}</th>
                  </tr>
                </thead>
                <tbody>
                  {current.points.map((p) => (
                    <tr key={p.hourStart}>
                      <th scope="row">{hourLabel(p.hourStart)}</th>
                      <td>{ms(p.p50)}</td>
                      <td>{ms(p.p95)}</td>
                      <td>{p.samples}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </details>
        </div>
      </div>
    </div>
  );
}
