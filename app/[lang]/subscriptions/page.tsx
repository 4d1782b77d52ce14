import type { Metadata } from "next";
import { cookies } from "next/headers";
import { notFound } from "next/navigation";
import { SubscriptionForm } from "@/components/subscription-form";
import { SubscriptionStep } from "@/components/subscription-step";
import { ADDRESS_INTERVAL_MS } from "@/core/subscriptions/subscription-rules";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { subscriptionText } from "@/lib/i18n/subscription-messages";
import { DRAFT_COOKIE } from "@/lib/subscriptions/draft-cookie";
import { subscriptionsOffered } from "@/lib/subscriptions/subscriptions-offered";
import "@/components/ops.css";

export const dynamic = "force-dynamic";
// The address carries a token: no other site learns it as a referrer. ("no-referrer" would make the
// browser send Origin: null with the form, which the same-origin check refuses.)

type Params = Promise<{ lang: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: subscriptionText(lang).pageTitle, robots: { index: false }, referrer: "same-origin" } : {};
}

/**
 * Where the subscription form lands (?service=…&step=sent, or &error=… with the form again), and
 * where confirming and unsubscribing end. The address is never in the URL or on the page.
 */
export default async function SubscriptionsPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const q = await searchParams;
  const str = (k: string) => (typeof q[k] === "string" ? q[k] : null);
  const s = subscriptionText(lang);
  const slug = str("service");
  const row = slug ? await (await getDb()).service.findUnique({ where: { slug }, select: { slug: true, name: true, nameEn: true } }) : null;
  const service = row ? { slug: row.slug, name: lang === "ko" ? row.name : row.nameEn } : null;
  const step = str("step");
  const error = str("error");
  if (step === "sent" && service)
    return (
      <SubscriptionStep lang={lang} heading={s.sentHeading} service={service}>
        <p data-testid="subscription-sent">{s.sent(service.name)}</p>
        <p className="muted">{s.sentLimit(ADDRESS_INTERVAL_MS / 60_000)}</p>
      </SubscriptionStep>
    );
  if (step === "confirmed" && service)
    return (
      <SubscriptionStep lang={lang} heading={s.confirmedHeading} service={service}>
        <p data-testid="subscription-confirmed">{s.confirmed(service.name)}</p>
      </SubscriptionStep>
    );
  if (step === "unsubscribed")
    return (
      <SubscriptionStep lang={lang} heading={s.unsubscribedHeading} service={service}>
        <p data-testid="subscription-unsubscribed">{s.unsubscribed}</p>
      </SubscriptionStep>
    );
  return (
    <SubscriptionStep lang={lang} heading={s.pageTitle} service={service} error={error ?? (service ? null : "unknown_service")}>
      {service && subscriptionsOffered() && <SubscriptionForm slug={service.slug} lang={lang} typed={await typedBefore()} />}
    </SubscriptionStep>
  );
}

/** The address typed before an error, kept by the form's route in this browser's cookie. */
async function typedBefore(): Promise<string> {
  const raw = (await cookies()).get(DRAFT_COOKIE)?.value ?? "";
  try {
    return decodeURIComponent(raw).slice(0, 254);
  } catch {
    return "";
  }
}
