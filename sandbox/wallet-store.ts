import { randomBytes, randomInt } from "node:crypto";
import type { z } from "zod";
import { CASHBACK_PERCENT, type identitySchema, type loginSchema, type paymentSchema, type signupSchema, type topupSchema } from "./api-schemas";
import { ApiError } from "./http-io";
import { TEST_ACCOUNTS, TEST_BALANCE_CEILING, TEST_BALANCE_FLOOR, TEST_PASSWORD, TEST_START_BALANCE, type TestAccount } from "./test-accounts";

/** Balance buckets in integer KRW: 충전금 (cash), 정책수당 (policy), 캐시백 (cashback). */
type Buckets = { cash: number; policy: number; cashback: number };

type Member = {
  memberId: string;
  name: string;
  phone: string;
  birthDate: string;
  test: boolean;
  status: "PENDING_IDENTITY" | "ACTIVE";
  createdAt: string;
  verifiedAt: string | null;
  testAccount: TestAccount | null;
  balance: Buckets;
  updatedAt: string;
};

type Topup = { topupId: string; memberId: string; amount: number; cashback: number; status: "COMPLETED" | "REFUNDED" };
type Payment = { paymentId: string; memberId: string; amount: number; spent: Buckets; status: "APPROVED" | "CANCELLED" };

const TOKEN_TTL_SECONDS = 1_800;
// In-memory only; the caps keep a long-running demo with periodic signup probes from growing without bound.
const MAX_MEMBERS = 5_000;
const MAX_RECORDS = 20_000;
const MAX_SESSIONS = 10_000;
const TEST_RESET_NOTE = "test account reset to its starting balance";

export type WalletStore = ReturnType<typeof createWalletStore>;

export function createWalletStore({ clock, onTestReset }: { clock: () => number; onTestReset?: (loginId: string, reason: string) => void }) {
  // Test accounts live apart from signups so the signup cap can never evict them.
  const testMembers = new Map<string, Member>();
  const signups = new Map<string, Member>();
  const topups = new Map<string, Topup>();
  const payments = new Map<string, Payment>();
  const sessions = new Map<string, { memberId: string; expiresAt: number }>();
  const staticTokens = new Map(TEST_ACCOUNTS.map((a) => [a.token, a.memberId]));
  let memberSeq = 0;
  let topupSeq = 0;
  let paymentSeq = 0;

  const now = () => new Date(clock()).toISOString();
  const total = (b: Buckets) => b.cash + b.policy + b.cashback;

  for (const account of TEST_ACCOUNTS) {
    const at = now();
    testMembers.set(account.memberId, {
      memberId: account.memberId,
      name: account.name,
      phone: "01000000000",
      birthDate: "1990-01-01",
      test: true,
      status: "ACTIVE",
      createdAt: at,
      verifiedAt: at,
      testAccount: account,
      balance: { ...TEST_START_BALANCE },
      updatedAt: at,
    });
  }

  function member(memberId: string): Member {
    const found = testMembers.get(memberId) ?? signups.get(memberId);
    if (!found) throw new ApiError(404, "MEMBER_NOT_FOUND", "회원을 찾을 수 없습니다.");
    return found;
  }

  function setBalance(m: Member, next: Buckets) {
    m.balance = next;
    m.updatedAt = now();
  }

  function resetTestAccount(m: Member, reason: string) {
    setBalance(m, { ...TEST_START_BALANCE });
    onTestReset?.(m.testAccount?.loginId ?? m.memberId, reason);
  }

  return {
    signup(input: z.output<typeof signupSchema>) {
      memberSeq += 1;
      const memberId = `M${10_000_000_000 + memberSeq}`;
      const createdAt = now();
      remember(
        signups,
        memberId,
        {
          memberId,
          ...input,
          status: "PENDING_IDENTITY",
          createdAt,
          verifiedAt: null,
          testAccount: null,
          balance: { cash: 0, policy: 0, cashback: 0 },
          updatedAt: createdAt,
        },
        MAX_MEMBERS,
      );
      return { memberId, status: "PENDING_IDENTITY", createdAt };
    },

    verifyIdentity(memberId: string, input: z.output<typeof identitySchema>) {
      const m = member(memberId);
      if (m.status === "ACTIVE") throw new ApiError(409, "ALREADY_VERIFIED", "이미 본인인증이 완료된 회원입니다.");
      // The sandbox has no real identity provider: only the documented test code verifies.
      if (input.code !== "000000") throw new ApiError(422, "IDENTITY_VERIFICATION_FAILED", "인증번호가 일치하지 않습니다.");
      m.status = "ACTIVE";
      m.verifiedAt = now();
      return { memberId, status: "ACTIVE", verifiedAt: m.verifiedAt };
    },

    login(input: z.output<typeof loginSchema>) {
      const account = TEST_ACCOUNTS.find((a) => a.loginId === input.loginId);
      if (!account || input.password !== TEST_PASSWORD) {
        throw new ApiError(401, "INVALID_CREDENTIALS", "아이디 또는 비밀번호가 올바르지 않습니다.");
      }
      if (sessions.size >= MAX_SESSIONS) {
        for (const [token, s] of sessions) if (s.expiresAt <= clock()) sessions.delete(token);
      }
      const accessToken = randomBytes(24).toString("base64url");
      remember(sessions, accessToken, { memberId: account.memberId, expiresAt: clock() + TOKEN_TTL_SECONDS * 1000 }, MAX_SESSIONS);
      return { accessToken, tokenType: "Bearer", expiresIn: TOKEN_TTL_SECONDS };
    },

    /** The member behind a Bearer token, or null. */
    authenticate(token: string): string | null {
      const fixed = staticTokens.get(token);
      if (fixed) return fixed;
      const session = sessions.get(token);
      if (!session) return null;
      if (session.expiresAt <= clock()) {
        sessions.delete(token);
        return null;
      }
      return session.memberId;
    },

    balance(memberId: string) {
      const m = member(memberId);
      return { memberId, currency: "KRW", balance: { total: total(m.balance), ...m.balance }, updatedAt: m.updatedAt };
    },

    topup(memberId: string, input: z.output<typeof topupSchema>) {
      const m = member(memberId);
      const cashback = Math.floor((input.amount * CASHBACK_PERCENT) / 100);
      if (m.testAccount && total(m.balance) + input.amount + cashback > TEST_BALANCE_CEILING) resetTestAccount(m, `${TEST_RESET_NOTE}: ceiling`);
      setBalance(m, { ...m.balance, cash: m.balance.cash + input.amount, cashback: m.balance.cashback + cashback });
      topupSeq += 1;
      const topupId = `TP${String(topupSeq).padStart(12, "0")}`;
      remember(topups, topupId, { topupId, memberId, amount: input.amount, cashback, status: "COMPLETED" }, MAX_RECORDS);
      return { topupId, status: "COMPLETED", amount: input.amount, cashback, balanceAfter: total(m.balance) };
    },

    refund(memberId: string, topupId: string) {
      const topup = topups.get(topupId);
      if (!topup || topup.memberId !== memberId) throw new ApiError(404, "TOPUP_NOT_FOUND", "충전 내역을 찾을 수 없습니다.");
      if (topup.status === "REFUNDED") throw new ApiError(409, "ALREADY_REFUNDED", "이미 환불된 충전입니다.");
      const m = member(memberId);
      // Like real 충전 취소: only money that has not been spent can go back, incentive included.
      if (m.balance.cash < topup.amount || m.balance.cashback < topup.cashback) {
        throw new ApiError(422, "TOPUP_ALREADY_USED", "충전금이 이미 사용되어 환불할 수 없습니다.");
      }
      setBalance(m, { ...m.balance, cash: m.balance.cash - topup.amount, cashback: m.balance.cashback - topup.cashback });
      topup.status = "REFUNDED";
      return { topupId, status: "REFUNDED", refundedAmount: topup.amount, balanceAfter: total(m.balance) };
    },

    pay(memberId: string, input: z.output<typeof paymentSchema>) {
      const m = member(memberId);
      if (m.testAccount && total(m.balance) < TEST_BALANCE_FLOOR) resetTestAccount(m, `${TEST_RESET_NOTE}: floor`);
      if (total(m.balance) < input.amount) {
        throw new ApiError(422, "INSUFFICIENT_BALANCE", `잔액이 부족합니다. (잔액 ${total(m.balance)}원, 결제 ${input.amount}원)`);
      }
      // Policy money and cashback are spent first: they expire, the member's own cash does not.
      let rest = input.amount;
      const spent = { cash: 0, policy: 0, cashback: 0 };
      for (const bucket of ["policy", "cashback", "cash"] as const) {
        spent[bucket] = Math.min(rest, m.balance[bucket]);
        rest -= spent[bucket];
      }
      setBalance(m, { cash: m.balance.cash - spent.cash, policy: m.balance.policy - spent.policy, cashback: m.balance.cashback - spent.cashback });
      paymentSeq += 1;
      const paymentId = `PY${String(paymentSeq).padStart(12, "0")}`;
      const approvalNo = String(randomInt(10_000_000, 100_000_000));
      remember(payments, paymentId, { paymentId, memberId, amount: input.amount, spent, status: "APPROVED" }, MAX_RECORDS);
      return {
        paymentId,
        approvalNo,
        status: "APPROVED",
        merchantId: input.merchantId,
        amount: input.amount,
        approvedAt: now(),
        balanceAfter: total(m.balance),
      };
    },

    cancel(memberId: string, paymentId: string) {
      const payment = payments.get(paymentId);
      if (!payment || payment.memberId !== memberId) throw new ApiError(404, "PAYMENT_NOT_FOUND", "결제 내역을 찾을 수 없습니다.");
      if (payment.status === "CANCELLED") throw new ApiError(409, "ALREADY_CANCELLED", "이미 취소된 결제입니다.");
      const m = member(memberId);
      const s = payment.spent;
      setBalance(m, { cash: m.balance.cash + s.cash, policy: m.balance.policy + s.policy, cashback: m.balance.cashback + s.cashback });
      payment.status = "CANCELLED";
      return { paymentId, status: "CANCELLED", cancelledAmount: payment.amount, balanceAfter: total(m.balance) };
    },
  };
}

function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number) {
  map.set(key, value);
  // Maps iterate in insertion order, so the first key is the oldest.
  while (map.size > max) map.delete(map.keys().next().value as K);
}
