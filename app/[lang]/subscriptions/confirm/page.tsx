import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { SubscriptionStep } from "@/components/subscription-step";
import { getDb } from "@/lib/db";
import { isLang } from "@/lib/i18n";
import { subscriptionText } from "@/lib/i18n/subscription-messages";
import { tokenSubject } from "@/lib/subscriptions/manage-subscription";
import "@/components/ops.css";

export const dynamic = "force-dynamic";
// The address carries a token: no other site learns it as a referrer. ("no-referrer" would make the
// browser send Origin: null with the form, which the same-origin check refuses.)

type Params = Promise<{ lang: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const { lang } = await params;
  return isLang(lang) ? { title: subscriptionText(lang).confirmHeading, robots: { index: false }, referrer: "same-origin" } : {};
}

/** The confirmation mail's link: it asks, and only the button confirms (a scanner opening links confirms nothing). */
export default async function ConfirmPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const q = await searchParams;
  const token = typeof q.token === "string" ? q.token : null;
  const s = subscriptionText(lang);
  const sub = await tokenSubject(await getDb(), "confirm", token, new Date());
  const service = sub && { slug: sub.slug, name: lang === "ko" ? sub.name : sub.nameEn };
  if (!sub || !service) return <SubscriptionStep lang={lang} heading={s.confirmHeading} service={null} error="invalid_token" />;
  if (sub.confirmed)
    return (
      <SubscriptionStep lang={lang} heading={s.confirmHeading} service={service}>
        <p>{s.alreadyConfirmed}</p>
      </SubscriptionStep>
    );
  return (
    <SubscriptionStep lang={lang} heading={s.confirmHeading} service={service}>
      <form method="post" action="/actions/subscriptions/confirm" className="form" data-testid="confirm-form">
        <input type="hidden" name="token" value={token!} />
        <input type="hidden" name="lang" value={lang} />
        <p>{s.confirmAsk(service.name)}</p>
        <div className="form-actions">
          <button type="submit" className="button">
            {s.confirmButton}
          </button>
        </div>
      </form>
    </SubscriptionStep>
  );
}
