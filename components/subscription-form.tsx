import { ADDRESS_DAY_MAX, ADDRESS_INTERVAL_MS, CONFIRM_TTL_MS } from "@/core/subscriptions/subscription-rules";
import type { Lang } from "@/lib/i18n";
import { subscriptionText } from "@/lib/i18n/subscription-messages";

/**
 * The e-mail subscription form: a plain POST (works without JavaScript), no token, so the public
 * page the edge shares stays the same for everyone. What is stored and for how long is said here.
 */
export function SubscriptionForm({ slug, lang, typed = "" }: { slug: string; lang: Lang; typed?: string }) {
  const s = subscriptionText(lang);
  return (
    <form method="post" action="/actions/subscriptions" className="form subscribe-form" data-testid="subscribe-form">
      <input type="hidden" name="service" value={slug} />
      <input type="hidden" name="lang" value={lang} />
      <label className="field">
        <span>{s.emailLabel}</span>
        <input type="email" name="email" defaultValue={typed} required maxLength={254} autoComplete="email" inputMode="email" spellCheck={false} />
      </label>
      <div className="form-actions">
        <button type="submit" className="button">
          {s.emailButton}
        </button>
      </div>
      <p className="hint muted">{s.emailPrivacy(CONFIRM_TTL_MS / 3_600_000, ADDRESS_INTERVAL_MS / 60_000, ADDRESS_DAY_MAX)}</p>
    </form>
  );
}
