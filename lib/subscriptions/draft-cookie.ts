/** The subscription form's last input after an error, so nothing typed is lost (app/actions/subscriptions/route.ts). */
export const DRAFT_COOKIE = "ledger-subscribe-draft";
