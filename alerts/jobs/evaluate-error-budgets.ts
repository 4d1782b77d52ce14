import { evaluateErrorBudgets as evaluate } from "@/lib/alerts/evaluate-error-budgets";
import type { Job } from "@/probes/jobs/job";
import type { AlerterContext } from "../alerter-context";

/** Every 30 seconds: burn rates of the error budgets; page and ticket alerts start or end. */
export const evaluateErrorBudgets = {
  id: "evaluate-error-budgets",
  cron: "*/30 * * * * *",
  async handler(ctx) {
    const r = await evaluate(ctx.db, ctx.alerts, { now: ctx.now, publicUrl: ctx.publicUrl });
    if (r.changes > 0) ctx.log.warn(r, "error-budget alerts changed");
  },
} satisfies Job<AlerterContext>;
