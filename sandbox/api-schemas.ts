import { z } from "zod";

/** Money limits, in integer KRW; documented in docs/sandbox.md. */
export const TOPUP_MIN = 1_000;
export const TOPUP_MAX = 500_000;
export const TOPUP_UNIT = 1_000;
export const PAYMENT_MAX = 2_000_000;
/** Top-up incentive (충전 인센티브) credited as cashback, truncated below 1 won. */
export const CASHBACK_PERCENT = 10;

function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && y >= 1900;
}

export const signupSchema = z.strictObject({
  name: z.string().trim().min(1).max(40),
  // Korean mobile numbers, with or without dashes; stored as digits.
  phone: z
    .string()
    .regex(/^01[016789]-?\d{3,4}-?\d{4}$/, "expected a Korean mobile number such as 010-1234-5678")
    .transform((p) => p.replaceAll("-", "")),
  birthDate: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected YYYY-MM-DD")
    .refine(isCalendarDate, "not a calendar date"),
  test: z.boolean().default(false),
});

export const identitySchema = z.strictObject({
  method: z.enum(["PASS", "SMS"]),
  code: z.string().regex(/^\d{6}$/, "expected a 6-digit code"),
});

export const loginSchema = z.strictObject({
  loginId: z.string().min(1).max(64),
  password: z.string().min(1).max(128),
});

export const topupSchema = z.strictObject({
  amount: z
    .int()
    .min(TOPUP_MIN)
    .max(TOPUP_MAX)
    .refine((n) => n % TOPUP_UNIT === 0, `amount must be a multiple of ${TOPUP_UNIT} KRW`),
  sourceAccount: z.string().trim().min(1).max(64),
});

export const paymentSchema = z.strictObject({
  merchantId: z.string().regex(/^[A-Za-z0-9-]{1,40}$/, "expected letters, digits and dashes"),
  amount: z.int().min(1).max(PAYMENT_MAX),
});

/** Refund and cancel take no input beyond the path; a free-text reason is accepted and ignored. */
export const reasonBodySchema = z.strictObject({ reason: z.string().max(200).optional() });

export const idempotencyKeySchema = z.string().regex(/^[\x21-\x7e]{1,255}$/, "1 to 255 visible ASCII characters");
