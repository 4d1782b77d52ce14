"use client";

import { useId, useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis, type DotItemDotProps } from "recharts";
import { formatDate, formatDateTime, formatTime } from "@/core/format";
import { localParts } from "@/core/time-zone";
import type { DailyLatencyPoint, LatencyPoint } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";
import { servicePageText } from "@/lib/i18n/service-page-messages";
import { formatMs } from "./format-ms";
import { summariseLatency } from "./latency-summary";

export type LatencySeries = { key: string; label: string; points: LatencyPoint[]; daily: DailyLatencyPoint[] };
type Span = "hourly" | "daily";

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
 * p50/p95 for one function at a time, hourly over 48 hours or daily over 90 days, chosen with
 * radio buttons. The summary and the <details> table beside the chart say the same in text.
 */
export function LatencyPanel({ series, lang, timeZone }: { series: LatencySeries[]; lang: Lang; timeZone: string }) {
  const m = t(lang);
  const sp = servicePageText(lang);
  const [selected, setSelected] = useState(series[0]?.key ?? "");
  const [span, setSpan] = useState<Span>("hourly");
  const groupName = useId();
  const spanName = useId();
  const current = series.find((s) => s.key === selected) ?? series[0];
  if (!current) return null;
  const daily = span === "daily";
  // A day is drawn and listed by its first instant; its label is the local date.
  const points: LatencyPoint[] = daily ? current.daily.map((d) => ({ hourStart: d.start, p50: d.p50, p95: d.p95, samples: d.samples })) : current.points;
  const data: Row[] = points.map((p) => ({ t: Date.parse(p.hourStart), p50: p.p50, p95: p.p95 }));
  const summary = summariseLatency(points);
  const hourLabel = (iso: string) => (daily ? formatDate(new Date(iso), lang, timeZone) : formatDateTime(new Date(iso), lang, timeZone));
  const tick = (v: number) => {
    if (!daily) return formatTime(new Date(v), timeZone);
    const p = localParts(new Date(v), timeZone);
    return `${p.month}/${p.day}`;
  };
  const ms = (v: number | null) => (v === null ? m.never : formatMs(v));
  const chartLabel = daily ? sp.latencyDailyChartLabel(current.label) : m.latencyChartLabel(current.label);

  return (
    <div className="latency" data-span={span}>
      <fieldset className="segmented">
        <legend>{sp.latencyView}</legend>
        {(["hourly", "daily"] as const).map((v) => (
          <label key={v} className={v === span ? "is-selected" : undefined}>
            <input type="radio" name={spanName} value={v} checked={v === span} onChange={() => setSpan(v)} />
            {v === "hourly" ? sp.latencyHourly : sp.latencyDaily}
          </label>
        ))}
      </fieldset>
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
        <figure className="latency-chart" aria-label={chartLabel}>
          {summary.hoursWithData === 0 ? (
            <p className="muted chart-empty">{m.latencyNoData}</p>
          ) : (
            <LineChart responsive data={data} style={{ width: "100%", height: 260 }} margin={{ top: 8, right: 12, bottom: 4, left: 0 }}>
              <CartesianGrid stroke="#e3e6ea" vertical={false} />
              <XAxis dataKey="t" tickFormatter={tick} minTickGap={28} tick={{ fontSize: 12, fill: "#4b5563" }} stroke="#9aa3ad" />
              <YAxis tickFormatter={(v: number) => `${v} ms`} tick={{ fontSize: 12, fill: "#4b5563" }} width={64} stroke="#9aa3ad" />
              <Tooltip
                labelFormatter={(v) => hourLabel(new Date(Number(v)).toISOString())}
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
            {summary.latest && (
              <li>{(daily ? sp.latencyDailyLatest : m.latencyLatest)(hourLabel(summary.latest.hourStart), ms(summary.latest.p50), ms(summary.latest.p95))}</li>
            )}
            {summary.worst && summary.worst.p95 !== null && (
              <li>{(daily ? sp.latencyDailyWorst : m.latencyWorst)(hourLabel(summary.worst.hourStart), ms(summary.worst.p95))}</li>
            )}
            <li>{(daily ? sp.latencyDailyCoverage : m.latencyCoverage)(summary.hoursWithData, summary.hours)}</li>
          </ul>
          <details className="text-alt">
            <summary>{daily ? sp.latencyDailyTable : m.latencyTable}</summary>
            <div className="table-scroll">
              <table className="data-table compact">
                <caption className="visually-hidden">{chartLabel}</caption>
                <thead>
                  <tr>
                    <th scope="col">{daily ? sp.colDay : m.colHour}</th>
                    <th scope="col">p50</th>
                    <th scope="col">p95</th>
                    <th scope="col">{m.colSamples}</th>
                  </tr>
                </thead>
                <tbody>
                  {points.map((p) => (
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
