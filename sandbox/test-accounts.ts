/**
 * Fixed accounts so probes never need real money or a real identity. Each one also has a static
 * Bearer token so a single-request probe can call balance, top-up or payment with fixed headers.
 * These are sandbox-only values, published in docs/sandbox.md on purpose.
 */
export const TEST_ACCOUNT_IDS = ["probe-01", "probe-02", "probe-03", "probe-04", "probe-05"] as const;
export type TestAccountId = (typeof TEST_ACCOUNT_IDS)[number];

export const TEST_PASSWORD = "sandbox-probe-pass";
export const TEST_TOKEN_PREFIX = "sandbox-test-token-";

/** Every test account starts here and is reset here by the guards below. */
export const TEST_START_BALANCE = { cash: 1_000_000, policy: 0, cashback: 0 } as const;
/** A top-up that would take the total above this first resets the account (no overflow). */
export const TEST_BALANCE_CEILING = 3_000_000;
/** A payment from a total below this first resets the account (payment probes never run dry). */
export const TEST_BALANCE_FLOOR = 200_000;

export type TestAccount = { loginId: TestAccountId; memberId: string; name: string; token: string };

export const TEST_ACCOUNTS: readonly TestAccount[] = TEST_ACCOUNT_IDS.map((loginId, i) => ({
  loginId,
  memberId: `M9000000000${i + 1}`,
  name: `프로브${String(i + 1).padStart(2, "0")}`,
  token: `${TEST_TOKEN_PREFIX}${loginId}`,
}));

export function testAccountById(loginId: string): TestAccount | undefined {
  return TEST_ACCOUNTS.find((a) => a.loginId === loginId);
}
