import type { Lang } from "@/lib/i18n";
import { subscriptionText } from "@/lib/i18n/subscription-messages";
import { SubscriptionForm } from "./subscription-form";

/** How to follow a service, as status pages offer it: its incident feed, its outage list, and e-mail. */
export function FollowService({ slug, lang, emailOffered }: { slug: string; lang: Lang; emailOffered: boolean }) {
  const s = subscriptionText(lang);
  const api = `/api/v1/services/${slug}`;
  return (
    <section aria-labelledby="follow-heading" className="panel" data-testid="follow-service">
      <h2 id="follow-heading">{s.followHeading}</h2>
      <p className="muted">{s.followIntro}</p>
      <ul className="follow-links">
        <li>
          <a href={`${api}/feed.atom`} type="application/atom+xml">
            {s.feed}
          </a>
          <br />
          <span className="muted">{s.feedHint}</span>
        </li>
        <li>
          <a href={`${api}/outages.csv`} type="text/csv">
            {s.csv}
          </a>
        </li>
        <li>
          <a href={`${api}/outages`} type="application/json">
            {s.json}
          </a>
        </li>
      </ul>
      <h3>{s.emailHeading}</h3>
      {emailOffered ? (
        <>
          <p>{s.emailIntro}</p>
          <SubscriptionForm slug={slug} lang={lang} />
        </>
      ) : (
        <p className="muted">{s.emailNotOffered}</p>
      )}
    </section>
  );
}
