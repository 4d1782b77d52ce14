import { z } from "zod";
import { DURATION_HINT, parseDuration } from "@/core/duration";
import { SANDBOX_FUNCTIONS, faultSchema, type FaultPatch, type SandboxFunction } from "./faults";

const durationSchema = z.string().transform((text, ctx) => {
  const ms = parseDuration(text);
  if (ms === null) {
    ctx.addIssue({ code: "custom", message: `expected ${DURATION_HINT}, got "${text}"` });
    return z.NEVER;
  }
  return ms;
});

const setSchema = z.strictObject({
  all: faultSchema.optional(),
  ...(Object.fromEntries(SANDBOX_FUNCTIONS.map((fn) => [fn, faultSchema.optional()])) as Record<SandboxFunction, z.ZodOptional<typeof faultSchema>>),
});

const stepSchema = z.strictObject({
  at: durationSchema,
  set: setSchema.optional(),
  offline: z.boolean().optional(),
  note: z.string().max(500).optional(),
});

export const scenarioSchema = z
  .strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "use lowercase letters, digits and dashes"),
    description: z.string().min(1),
    speed: z.number().positive().max(1_000_000).default(1),
    loop: z.boolean().default(false),
    start: z.iso.datetime({ offset: true }).optional(),
    duration: durationSchema.optional(),
    steps: z.array(stepSchema).min(1),
  })
  .superRefine((s, ctx) => {
    s.steps.forEach((step, i) => {
      const previous = s.steps[i - 1];
      if (previous && step.at < previous.at) {
        ctx.addIssue({ code: "custom", path: ["steps", i, "at"], message: "steps must be in time order" });
      }
      if (s.duration !== undefined && step.at >= s.duration) {
        ctx.addIssue({ code: "custom", path: ["steps", i, "at"], message: "step starts at or after the scenario's duration" });
      }
    });
    // Without a length a loop would wrap the instant its last step begins.
    if (s.loop && s.duration === undefined) {
      ctx.addIssue({ code: "custom", path: ["duration"], message: "a looping scenario needs a duration (the length of one loop)" });
    }
  });

export type ScenarioInput = z.input<typeof scenarioSchema>;

/** A validated scenario: `at` and `duration` are simulated milliseconds from the start. */
export type Scenario = z.output<typeof scenarioSchema>;
export type ScenarioStep = Scenario["steps"][number];

export type ScenarioIssue = { path: string; message: string };

export function parseScenario(input: unknown): { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] } {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return { ok: true, scenario: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({ path: i.path.length > 0 ? i.path.join(".") : "(root)", message: i.message })),
  };
}

export function stepPatch(step: ScenarioStep): FaultPatch {
  const { all, ...named } = step.set ?? {};
  const functions = Object.fromEntries(Object.entries(named).filter(([, fault]) => fault !== undefined));
  return { all, functions, offline: step.offline };
}
