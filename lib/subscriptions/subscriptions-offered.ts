import { serverAlertPlan } from "@/lib/alerts/server-alert-plan";

/** E-mail subscriptions are offered when the instance can send mail (alerts.smtp is configured). */
export function subscriptionsOffered(): boolean {
  return serverAlertPlan()?.subscribers === true;
}
