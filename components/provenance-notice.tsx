import type { Provenance, ProvenanceSource } from "@/core/provenance";
import { t, type Lang } from "@/lib/i18n";
import { localDateLabel } from "./council-format";

/**
 * Said wherever results the ledger did not measure are shown (service, outage and council
 * pages, the PDF): what they are and what they were built from. Nothing for measured results.
 */
export function ProvenanceNotice({
  provenance,
  sources,
  lang,
  timeZone,
}: {
  provenance: Provenance;
  sources: ProvenanceSource[];
  lang: Lang;
  timeZone: string;
}) {
  if (provenance === "MEASURED") return null;
  const m = t(lang);
  const n = m.provenanceNotice[provenance];
  return (
    <aside className="provenance-notice" data-testid="provenance-notice" data-provenance={provenance} aria-label={n.title}>
      <p className="provenance-title">
        <strong>{n.title}</strong>
      </p>
      <p>{n.body}</p>
      {sources.length > 0 && (
        <div className="provenance-sources">
          <span>{m.provenanceSources}:</span>
          <ul>
            {sources.map((s) => (
              <li key={`${s.title}-${s.date ?? ""}`}>
                {s.url ? (
                  <a href={s.url} rel="noopener noreferrer">
                    {s.title}
                  </a>
                ) : (
                  <cite>{s.title}</cite>
                )}
                {s.date && <span className="muted"> · {localDateLabel(s.date, lang, timeZone)}</span>}
              </li>
            ))}
          </ul>
        </div>
      )}
    </aside>
  );
}

/** A short tag for cards and lists. */
export function ProvenanceTag({ provenance, lang }: { provenance: Provenance; lang: Lang }) {
  if (provenance === "MEASURED") return null;
  return (
    <span className={`source source-${provenance}`} data-testid="provenance-tag">
      {t(lang).sourceLabel[provenance]}
    </span>
  );
}
