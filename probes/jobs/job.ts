/** A scheduled job as data, one per file (docs/architecture.md, Invariants): the worker registers each with node-cron. */
export type Job<Ctx> = {
  id: string;
  /** node-cron expression with seconds */
  cron: string;
  handler: (ctx: Ctx, tick: Date) => Promise<void> | void;
};
