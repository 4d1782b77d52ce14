import { z } from "zod";

/** The functions of the sandbox operator that can be faulted one by one. `health` is deliberately absent. */
export const SANDBOX_FUNCTIONS = ["signup", "identity", "login", "balance", "topup", "refund", "payment", "cancel", "app"] as const;
export type SandboxFunction = (typeof SANDBOX_FUNCTIONS)[number];

export const FAULT_MODES = ["ok", "slow", "error", "hang", "wrong_body", "refused"] as const;
export type FaultMode = (typeof FAULT_MODES)[number];

// Strict objects: a stray `latencyMs` on an `error` fault is almost always a typo worth reporting.
export const faultSchema = z.discriminatedUnion(
  "mode",
  [
    z.strictObject({ mode: z.literal("ok") }),
    z.strictObject({ mode: z.literal("slow"), latencyMs: z.int().min(1).max(600_000) }),
    z.strictObject({
      mode: z.literal("error"),
      status: z.int().min(500).max(599).default(503),
      retryAfter: z.int().min(0).max(86_400).optional(),
      message: z.string().min(1).max(500).optional(),
    }),
    z.strictObject({ mode: z.literal("hang") }),
    z.strictObject({ mode: z.literal("wrong_body"), body: z.enum(["html", "json"]).default("html") }),
    z.strictObject({ mode: z.literal("refused") }),
  ],
  { error: (issue) => (issue.code === "invalid_union" ? `mode must be one of ${FAULT_MODES.join(", ")}` : undefined) },
);

export type Fault = z.output<typeof faultSchema>;
export type FaultInput = z.input<typeof faultSchema>;

export const faultTableSchema = z.strictObject({
  functions: z.strictObject(Object.fromEntries(SANDBOX_FUNCTIONS.map((fn) => [fn, faultSchema])) as Record<SandboxFunction, typeof faultSchema>),
  offline: z.boolean(),
});

/** The complete fault state of one sandbox: one fault per function, plus the service-wide offline switch. */
export type FaultTable = {
  readonly functions: Readonly<Record<SandboxFunction, Fault>>;
  readonly offline: boolean;
};

/** A partial change: `all` first, then the named functions, then `offline`. Used by admin calls and scenario steps. */
export type FaultPatch = {
  all?: Fault;
  functions?: Partial<Record<SandboxFunction, Fault>>;
  offline?: boolean;
};

const OK: Fault = { mode: "ok" };

export function isSandboxFunction(name: string): name is SandboxFunction {
  return (SANDBOX_FUNCTIONS as readonly string[]).includes(name);
}

export function okFaultTable(): FaultTable {
  return { functions: fillFunctions(OK), offline: false };
}

export function withFault(table: FaultTable, fn: SandboxFunction, fault: Fault): FaultTable {
  return { ...table, functions: { ...table.functions, [fn]: fault } };
}

export function withOffline(table: FaultTable, offline: boolean): FaultTable {
  return { ...table, offline };
}

export function applyFaultPatch(table: FaultTable, patch: FaultPatch): FaultTable {
  const functions = { ...(patch.all ? fillFunctions(patch.all) : table.functions), ...patch.functions };
  return { functions, offline: patch.offline ?? table.offline };
}

export type ParsedFault = { ok: true; fault: Fault } | { ok: false; issues: { path: string; message: string }[] };

export function parseFault(input: unknown): ParsedFault {
  const result = faultSchema.safeParse(input);
  if (result.success) return { ok: true, fault: result.data };
  return { ok: false, issues: result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) };
}

function fillFunctions(fault: Fault): Record<SandboxFunction, Fault> {
  return Object.fromEntries(SANDBOX_FUNCTIONS.map((fn) => [fn, fault])) as Record<SandboxFunction, Fault>;
}
