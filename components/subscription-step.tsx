import Link from "next/link";
import type { Lang } from "@/lib/i18n";
import { subscriptionText } from "@/lib/i18n/subscription-messages";

/** One step of subscribing or unsubscribing: a heading, what happened, and the way back. */
export function SubscriptionStep({
  lang,
  heading,
  service,
  error,
  children,
}: {
  lang: Lang;
  heading: string;
  service: { slug: string; name: string } | null;
  error?: string | null;
  children?: React.ReactNode;
}) {
  const s = subscriptionText(lang);
  return (
    <section className="panel subscription-step" data-testid="subscription-step">
      <h1>{heading}</h1>
      {error && (
        <div className="flash flash-error" role="alert" data-testid="flash" data-kind="error">
          <p>{s.errors[error] ?? s.errors.bad_request}</p>
        </div>
      )}
      {children}
      <p>{service ? <Link href={`/${lang}/services/${service.slug}`}>{s.backToService(service.name)}</Link> : <Link href={`/${lang}`}>{s.backHome}</Link>}</p>
    </section>
  );
}
