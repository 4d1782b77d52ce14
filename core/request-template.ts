/**
 * Fills per-run placeholders in a probe's request (and, in flows, in the
 * assertions): `{{uuid}}` (a fresh value at each place it appears), `{{now}}`
 * (ISO instant of the run), and in flows the variables set earlier: `{{name}}`,
 * or `{{name + 1000}}` / `{{name - 1000}}` for integer arithmetic. A string that
 * is exactly one placeholder takes the variable's own type, so a number stays a
 * number in a JSON body or an `equals`.
 */
export type TemplateValues = { uuid: () => string; now: Date; vars?: Readonly<Record<string, unknown>> };

export class MissingVariableError extends Error {
  constructor(readonly variable: string) {
    super(`variable "${variable}" has no value`);
    this.name = "MissingVariableError";
  }
}

export class TemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TemplateError";
  }
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*(?:([+-])\s*(\d{1,15})\s*)?\}\}/g;
const WHOLE = new RegExp(`^${PLACEHOLDER.source}$`);

/** Names used by placeholders in a value (for checking a flow's references at config time). */
export function placeholderNames(value: unknown): string[] {
  const names = new Set<string>();
  const walk = (v: unknown) => {
    if (typeof v === "string") for (const m of v.matchAll(PLACEHOLDER)) names.add(m[1]!);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === "object") Object.values(v).forEach(walk);
  };
  walk(value);
  return [...names];
}

export const BUILTIN_PLACEHOLDERS = ["uuid", "now"] as const;

function resolve(name: string, op: string | undefined, operand: string | undefined, values: TemplateValues): unknown {
  let value: unknown;
  if (name === "uuid") value = values.uuid();
  else if (name === "now") value = values.now.toISOString();
  else if (values.vars && Object.hasOwn(values.vars, name)) value = values.vars[name];
  else throw new MissingVariableError(name);
  if (op === undefined) return value;
  const base = typeof value === "number" ? value : typeof value === "string" && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(base))
    throw new TemplateError(`variable "${name}" is ${JSON.stringify(value)}, not an integer, so "${op} ${operand}" cannot apply`);
  return op === "+" ? base + Number(operand) : base - Number(operand);
}

export function fillTemplate<T>(value: T, values: TemplateValues): T {
  if (typeof value === "string") {
    const whole = WHOLE.exec(value);
    if (whole) return resolve(whole[1]!, whole[2], whole[3], values) as T;
    return value.replace(PLACEHOLDER, (_, name: string, op: string | undefined, operand: string | undefined) => {
      const v = resolve(name, op, operand, values);
      return typeof v === "string" ? v : JSON.stringify(v);
    }) as T;
  }
  if (Array.isArray(value)) return value.map((v) => fillTemplate(v, values)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, fillTemplate(v, values)])) as T;
  }
  return value;
}
