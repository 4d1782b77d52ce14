import Link from "next/link";
import { t, type Lang } from "@/lib/i18n";
import { monthLabel } from "./council-format";
import { PdfDownloadLink } from "./pdf-download-link";

/** The web page's tools around a council report: other months, the year, the PDF. Hidden in print. */
export function CouncilMonthNav({
  slug,
  month,
  prev,
  next,
  lang,
  pdf = true,
}: {
  slug: string;
  month: string;
  prev: string | null;
  next: string | null;
  lang: Lang;
  pdf?: boolean;
}) {
  const c = t(lang).council;
  const base = `/${lang}/services/${slug}/council`;
  const year = Number(month.slice(0, 4));
  return (
    <div className="council-tools no-print">
      <nav aria-label={c.monthNav}>
        <ul>
          {prev && (
            <li>
              <Link href={`${base}/${prev}`} rel="prev" data-testid="council-prev">
                <span aria-hidden="true">← </span>
                {c.prevMonth(monthLabel(prev, lang))}
              </Link>
            </li>
          )}
          {next && (
            <li>
              <Link href={`${base}/${next}`} rel="next" data-testid="council-next">
                {c.nextMonth(monthLabel(next, lang))}
                <span aria-hidden="true"> →</span>
              </Link>
            </li>
          )}
          <li>
            <Link href={`${base}/year/${year}`} data-testid="council-year-link">
              {c.yearLink(year)}
            </Link>
          </li>
        </ul>
      </nav>
      {pdf && (
        <p className="council-pdf">
          <PdfDownloadLink
            href={`/api/v1/services/${slug}/council/${month}.pdf?lang=${lang}`}
            filename={`${slug}-${month}-council.pdf`}
            texts={{ label: c.downloadPdf, preparing: c.pdfPreparing, done: c.pdfDone, failed: c.pdfFailed }}
          />{" "}
          <span className="sub-note">{c.downloadPdfHelp}</span>
        </p>
      )}
    </div>
  );
}
