import { formatDate, formatDateTime, formatKrw, formatKrwKorean } from "@/core/format";
import type { ServiceDetail } from "@/lib/data/types";
import { t, type Lang } from "@/lib/i18n";

type Contract = NonNullable<ServiceDetail["contract"]>;

/** The contract basics as stated in the configuration; the figures owed are the report's job, not this page's. */
export function ContractBox({ contract, lang, timeZone }: { contract: Contract; lang: Lang; timeZone: string }) {
  const m = t(lang);
  const amount = BigInt(contract.amountKrw);
  // termEnd is the exclusive end of the last day; the last day itself is the instant just before it.
  const lastDay = new Date(Date.parse(contract.termEnd) - 1);
  return (
    <dl className="facts contract">
      <div className="fact-wide">
        <dt>{m.contractTitle}</dt>
        <dd>{lang === "en" && contract.titleEn ? contract.titleEn : contract.title}</dd>
      </div>
      <div>
        <dt>{m.contractOperator}</dt>
        <dd>{lang === "en" && contract.operatorEn ? contract.operatorEn : contract.operator}</dd>
      </div>
      <div>
        <dt>{m.contractAmount}</dt>
        <dd>
          {formatKrw(amount, lang)}
          {lang === "ko" && <span className="muted block">{formatKrwKorean(amount)}</span>}
        </dd>
      </div>
      <div>
        <dt>{m.contractTerm}</dt>
        <dd>
          <time dateTime={contract.termStart}>{formatDate(new Date(contract.termStart), lang, timeZone)}</time> {m.termTo}{" "}
          <time dateTime={lastDay.toISOString()}>{formatDate(lastDay, lang, timeZone)}</time>
        </dd>
      </div>
      {contract.goLiveDeadline && (
        <div>
          <dt>{m.contractGoLive}</dt>
          <dd>
            <time dateTime={contract.goLiveDeadline}>{formatDateTime(new Date(contract.goLiveDeadline), lang, timeZone)}</time>
          </dd>
        </div>
      )}
      {contract.actualStart && (
        <div>
          <dt>{m.contractActualStart}</dt>
          <dd>
            <time dateTime={contract.actualStart}>{formatDateTime(new Date(contract.actualStart), lang, timeZone)}</time>
          </dd>
        </div>
      )}
    </dl>
  );
}
