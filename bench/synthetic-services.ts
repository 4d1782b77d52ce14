/** The four functions every synthetic benchmark service has. */
export const FUNCTIONS = ["signup", "topup", "payment", "balance"] as const;
export type FunctionKey = (typeof FUNCTIONS)[number];

/**
 * Configuration file data (before the schema) for `monitors` probes spread over services of
 * the four functions: ⌈monitors ÷ 4⌉ services, the last one with the remainder. `probe` shapes
 * each function's probe; `extra` adds fields per service (e.g. a contract).
 */
export function syntheticServices(
  monitors: number,
  probe: (fn: FunctionKey) => Record<string, unknown>,
  extra: (slug: string) => Record<string, unknown> = () => ({}),
) {
  return Array.from({ length: Math.ceil(monitors / FUNCTIONS.length) }, (_, i) => ({
    slug: `svc-${i}`,
    name: `서비스 ${i}`,
    nameEn: `Service ${i}`,
    operator: "운영사",
    operatorEn: "Operator",
    functions: FUNCTIONS.map((key) => ({ key, name: key, nameEn: key })),
    probes: FUNCTIONS.slice(0, Math.min(FUNCTIONS.length, monitors - i * FUNCTIONS.length)).map((fn) => ({ function: fn, ...probe(fn) })),
    ...extra(`svc-${i}`),
  }));
}
