import Link from "next/link";
import { formatDateTime } from "@/core/format";
import type { Lang } from "@/lib/i18n";
import { changeoverText } from "@/lib/i18n/changeover-messages";

/** A page opened with `?at=`: says at the top that it replays a past instant, what shows that instant, and the way back to now. */
export function ReplayBanner({ at, speed, lang, timeZone, href }: { at: string; speed: number; lang: Lang; timeZone: string; href: string }) {
  const m = changeoverText(lang).meter;
  return (
    <div className="stopped-banner replay-banner" role="status" data-testid="replay-banner" data-at={at} data-speed={speed}>
      <p className="stopped-banner-head">
        <strong>{m.replayBanner(formatDateTime(new Date(at), lang, timeZone))}</strong>
      </p>
      <p>
        {m.replayBannerScope} <Link href={href}>{m.replayBannerExit}</Link>
      </p>
    </div>
  );
}
