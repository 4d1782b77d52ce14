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
  return isLang(lang) ? { title: subscriptionText(lang).unsubscribeHeading, robots: { index: false }, referrer: "same-origin" } : {};
}

/** Every subscriber mail's unsubscribe link: it asks, and the button unsubscribes (mail programs use RFC 8058's one-click POST instead). */
export default async function UnsubscribePage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const { lang } = await params;
  if (!isLang(lang)) notFound();
  const q = await searchParams;
  const token = typeof q.token === "string" ? q.token : null;
  const s = subscriptionText(lang);
  const sub = await tokenSubject(await getDb(), "unsubscribe", token, new Date());
  const service = sub && { slug: sub.slug, name: lang === "ko" ? sub.name : sub.nameEn };
  if (!sub || !service) return <SubscriptionStep lang={lang} heading={s.unsubscribeHeading} service={null} error="already_unsubscribed" />;
  return (
    <SubscriptionStep lang={lang} heading={s.unsubscribeHeading} service={service}>
      <form method="post" action="/actions/subscriptions/unsubscribe" className="form" data-testid="unsubscribe-form">
        <input type="hidden" name="token" value={token!} />
        <input type="hidden" name="lang" value={lang} />
        <p>{s.unsubscribeAsk(service.name)}</p>
        <div className="form-actions">
          <button type="submit" className="button">
            {s.unsubscribeButton}
          </button>
        </div>
      </form>
    </SubscriptionStep>
  );
}
