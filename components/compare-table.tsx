import Link from "next/link";
import { formatDuration, formatPercent } from "@/core/format";
import type { CompareRow, CompareSort } from "@/lib/data/compare";
import { t, type Lang } from "@/lib/i18n";
import { StateChip } from "./state-chip";

/**
 * Services side by side, as a text table (cards on a phone). Sorted by operator
 * the rows are grouped under an operator heading row; the other sorts are flat.
 */
export function CompareTable({ rows, sort, lang }: { rows: CompareRow[]; sort: CompareSort; lang: Lang }) {
  const m = t(lang);
  const c = m.compare;
  const op = (r: CompareRow) => (lang === "ko" ? r.operator : r.operatorEn);
  const groups: { operator: string; rows: CompareRow[] }[] = [];
  if (sort === "operator") {
    for (const r of rows) {
      const last = groups.at(-1);
      if (last && last.operator === op(r)) last.rows.push(r);
      else groups.push({ operator: op(r), rows: [r] });
    }
  } else groups.push({ operator: "", rows });

  return (
    <table className="data-table stack-table compare-table" data-testid="compare-table">
      <caption className="visually-hidden">{c.title}</caption>
      <thead>
        <tr>
          <th scope="col">{c.colService}</th>
          <th scope="col">{c.colOperator}</th>
          <th scope="col">{c.colState}</th>
          <th scope="col" className="num">
            {c.colAvailability}
          </th>
          <th scope="col" className="num">
            {c.colOutages}
          </th>
          <th scope="col">{c.colLongest}</th>
        </tr>
      </thead>
      {groups.map((g, gi) => (
        <tbody key={`${g.operator}-${gi}`}>
          {sort === "operator" && (
            <tr className="group-row">
              <th scope="colgroup" colSpan={6} data-label="">
                <span>{c.operatorGroup(g.operator, g.rows.length)}</span>
              </th>
            </tr>
          )}
          {g.rows.map((r) => {
            const name = lang === "ko" ? r.name : r.nameEn;
            return (
              <tr key={r.slug} data-testid="compare-row" data-slug={r.slug}>
                <th scope="row" data-label={c.colService}>
                  <span>
                    <Link href={`/${lang}/services/${r.slug}`}>{name}</Link>
                  </span>
                </th>
                <td data-label={c.colOperator}>
                  <span>{op(r)}</span>
                </td>
                <td data-label={c.colState}>
                  <span>
                    <StateChip state={r.state} lang={lang} />
                  </span>
                </td>
                <td className="num" data-label={c.colAvailability}>
                  <span>
                    {r.availability === null ? <span className="muted">{c.noMeasure}</span> : formatPercent(r.availability)}
                    <span className="sub-note block">
                      {c.colMeasured}: {formatDuration(r.measuredSec, lang)}
                    </span>
                  </span>
                </td>
                <td className="num" data-label={c.colOutages}>
                  <span>{r.outages === 0 ? c.noOutage : c.outageCount(r.outages)}</span>
                </td>
                <td data-label={c.colLongest}>
                  <span>
                    {r.longest ? (
                      <Link href={`/${lang}/outages/${r.longest.id}`}>
                        {formatDuration(r.longest.durationSec, lang)}
                        {r.longest.ongoing && ` (${c.ongoingMark})`}
                      </Link>
                    ) : (
                      c.noOutage
                    )}
                  </span>
                </td>
              </tr>
            );
          })}
        </tbody>
      ))}
    </table>
  );
}
