import type { ProbeDefinition } from "@/core/config/resolve";
import type { EvidencePolicy } from "@/core/evidence/response-evidence";
import type { RunOutcome } from "@/core/probe-result";
import type { BrowserPool } from "./browser-pool";
import type { Resolver } from "./resolver";

/** What every runner gets besides its probe: the run's instant, how to keep evidence, the shared browsers. */
export type RunContext = {
  /** the run's scheduled instant: `{{now}}`, certificate expiry and the like are judged against it */
  now: Date;
  evidence: EvidencePolicy;
  /** null where no browser may run (a browser probe then ends UNKNOWN) */
  browsers: BrowserPool | null;
  /** host names to addresses for HTTP checks; every address is checked against the probe's allowed ranges before connecting */
  resolve: Resolver;
};

/** The one signature every probe kind has (docs/architecture.md, Code conventions). */
export type ProbeRunner<P extends ProbeDefinition> = (probe: P, ctx: RunContext) => Promise<RunOutcome>;
