import type { ContractConfig } from "../config/contract-schema";
import { formatMonth, type Month } from "./periods";

/**
 * The contract that judges a month, chosen the same way for a report from the database (every
 * contract the service has had) and from a results file (the configured one): among the contracts
 * whose term (inclusive local dates) overlaps the month, the one in force on the month's first day,
 * the newest of those if terms overlap; when none is yet in force on the 1st (a term beginning in the
 * month), the one beginning first. Null when no term overlaps the month: a contract is never applied
 * to a month outside its term.
 */
export function contractForMonth(contracts: readonly ContractConfig[], month: Month): ContractConfig | null {
  const m = formatMonth(month);
  const firstDay = `${m}-01`;
  const overlapping = contracts.filter((c) => c.term.start.slice(0, 7) <= m && m <= c.term.end.slice(0, 7));
  const inForce = overlapping.filter((c) => c.term.start <= firstDay).sort((a, b) => b.term.start.localeCompare(a.term.start));
  if (inForce[0]) return inForce[0];
  return [...overlapping].sort((a, b) => a.term.start.localeCompare(b.term.start))[0] ?? null;
}

/** The terms, for a message saying why no contract was found: "c-2019 (2019-04-01 – 2022-03-31)". */
export function termsText(contracts: readonly ContractConfig[]): string {
  return contracts.length === 0 ? "none" : contracts.map((c) => `${c.key} (${c.term.start} – ${c.term.end})`).join(", ");
}
