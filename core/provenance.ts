/**
 * Where a service's results come from. MEASURED: this ledger's own probes.
 * RECONSTRUCTED: results built after the fact from a public timeline (press
 * reports), to show what measuring would have recorded. REPORTED: results
 * supplied by others (an operator's log, a citizen group). Only MEASURED
 * results may ever be called measurements; the others carry their sources.
 */
export const PROVENANCES = ["MEASURED", "RECONSTRUCTED", "REPORTED"] as const;
export type Provenance = (typeof PROVENANCES)[number];

export type ProvenanceSource = { title: string; url?: string; date?: string };

/** A service's results as the pages, the API and the reports describe them. */
export type ResultsProvenance = { provenance: Provenance; provenanceSources: ProvenanceSource[] };

export const MEASURED: ResultsProvenance = { provenance: "MEASURED", provenanceSources: [] };

/** Read from the service's stored configuration; anything unreadable counts as measured by the ledger itself. */
export function resultsProvenanceOf(stored: { provenance?: Partial<ResultsProvenance> } | null | undefined): ResultsProvenance {
  const p = stored?.provenance;
  if (!p || !p.provenance || !(PROVENANCES as readonly string[]).includes(p.provenance)) return MEASURED;
  return { provenance: p.provenance, provenanceSources: p.provenanceSources ?? [] };
}

/** An outage's provenance: a reported incident is REPORTED; one found in the results carries the results' provenance. */
export function outageProvenance(source: string, results: Provenance): Provenance {
  return source === "REPORTED" ? "REPORTED" : results;
}

/** Ko and en together, for outputs read in either language (CLI reports, CSV, feeds). */
export const PROVENANCE_LABEL: Record<Provenance, string> = {
  MEASURED: "측정 · measured",
  RECONSTRUCTED: "재구성(보도 기반) · reconstructed from press reports",
  REPORTED: "보도·제보 · reported, not measured",
};

/** "title (2022-04-04) <url>": one source as plain text. */
export function sourceText(s: ProvenanceSource): string {
  return [s.title, s.date ? `(${s.date})` : null, s.url ? `<${s.url}>` : null].filter(Boolean).join(" ");
}
