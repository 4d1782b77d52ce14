import { TEST_ACCOUNTS } from "./test-accounts";

/**
 * The sandbox's own web app for browser-flow probes: balance, sign-up and top-up on one page.
 * It calls the same public API as the probes, so an API fault shows up in the browser journey.
 * Plain HTML and inline JS with no external resources, so it works offline.
 * Every field, button and result area has a stable data-testid; result areas carry
 * data-state = idle | pending | success | error.
 */
export function renderWebPage(accountParam: string | null): string {
  // Only fixed test accounts: the page embeds the account's static token, which is public anyway.
  const account = TEST_ACCOUNTS.find((a) => a.loginId === accountParam) ?? TEST_ACCOUNTS[0];
  if (!account) throw new Error("no test accounts configured");
  const config = JSON.stringify({ loginId: account.loginId, token: account.token });

  return `<!doctype html>
<html lang="ko">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>지역화폐 샌드박스</title>
<style>
  body { font-family: system-ui, "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; max-width: 32rem; margin: 1rem auto; padding: 0 1rem; color: #1d2433; }
  .notice { background: #fff4d6; border: 1px solid #e0b84a; padding: .5rem .75rem; border-radius: .4rem; font-size: .9rem; }
  section { border: 1px solid #d6dbe4; border-radius: .6rem; padding: .75rem 1rem; margin: 1rem 0; }
  label { display: block; margin: .5rem 0 .2rem; }
  input, button { font: inherit; padding: .4rem .5rem; }
  input { width: 100%; box-sizing: border-box; }
  button { margin-top: .75rem; }
  [data-state="error"] { color: #b3261e; }
  [data-state="success"] { color: #1a7f37; }
  .total { font-size: 1.6rem; font-weight: 700; }
</style>
</head>
<body>
<p class="notice" data-testid="sandbox-notice">시험용 가상 운영사(샌드박스)입니다. 실제 지역화폐 서비스나 실제 데이터가 아닙니다.</p>
<h1>지역화폐 샌드박스</h1>
<nav><a href="#home" data-testid="nav-home">홈</a> · <a href="#signup" data-testid="nav-signup">회원가입</a> · <a href="#topup" data-testid="nav-topup">충전</a></nav>

<section id="home">
  <h2>내 지갑</h2>
  <p>테스트 계정: <span data-testid="account-id">${account.loginId}</span></p>
  <p class="total" data-testid="balance-total">-</p>
  <p>충전금 <span data-testid="balance-cash">-</span> · 정책수당 <span data-testid="balance-policy">-</span> · 캐시백 <span data-testid="balance-cashback">-</span></p>
  <p data-testid="balance-status" data-state="idle"></p>
  <button type="button" data-testid="balance-refresh">잔액 새로고침</button>
</section>

<section id="signup">
  <h2>회원가입</h2>
  <form data-testid="signup-form">
    <label for="signup-name">이름</label>
    <input id="signup-name" name="name" required maxlength="40" data-testid="signup-name">
    <label for="signup-phone">휴대폰 번호</label>
    <input id="signup-phone" name="phone" required placeholder="010-1234-5678" data-testid="signup-phone">
    <label for="signup-birth-date">생년월일</label>
    <input id="signup-birth-date" name="birthDate" required placeholder="1990-01-31" data-testid="signup-birth-date">
    <button type="submit" data-testid="signup-submit">가입 신청</button>
  </form>
  <p data-testid="signup-result" data-state="idle"></p>
  <p>회원번호: <span data-testid="signup-member-id"></span></p>
</section>

<section id="topup">
  <h2>충전</h2>
  <form data-testid="topup-form">
    <label for="topup-amount">충전 금액 (원, 1,000원 단위)</label>
    <input id="topup-amount" name="amount" type="number" min="1000" max="500000" step="1000" value="10000" required data-testid="topup-amount">
    <button type="submit" data-testid="topup-submit">충전하기</button>
  </form>
  <p data-testid="topup-result" data-state="idle"></p>
  <p>충전 후 잔액: <span data-testid="topup-balance"></span></p>
</section>

<script>
const ACCOUNT = ${config};
const $ = (id) => document.querySelector('[data-testid="' + id + '"]');
const won = (n) => Number(n).toLocaleString("ko-KR") + "원";
function newKey() {
  if (crypto.randomUUID) return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}
function show(id, state, text) { const el = $(id); el.dataset.state = state; el.textContent = text; }
async function call(method, path, body, money) {
  const headers = { Accept: "application/json", Authorization: "Bearer " + ACCOUNT.token };
  if (body) headers["Content-Type"] = "application/json";
  if (money) headers["Idempotency-Key"] = newKey();
  const res = await fetch(path, { method, headers, body: body ? JSON.stringify(body) : undefined });
  let data = null;
  try { data = await res.json(); } catch (e) { data = null; }
  if (!res.ok) {
    const message = data && data.error ? data.error.message : "요청 실패";
    throw new Error(message + " (HTTP " + res.status + ")");
  }
  if (data === null) throw new Error("응답 형식 오류 (HTTP " + res.status + ")");
  return data;
}
async function loadBalance() {
  show("balance-status", "pending", "잔액 조회 중…");
  try {
    const d = await call("GET", "/api/v1/wallet/balance");
    if (!d.balance || typeof d.balance.total !== "number") throw new Error("응답 형식 오류");
    $("balance-total").textContent = won(d.balance.total);
    $("balance-cash").textContent = won(d.balance.cash);
    $("balance-policy").textContent = won(d.balance.policy);
    $("balance-cashback").textContent = won(d.balance.cashback);
    show("balance-status", "success", "조회 완료");
  } catch (e) {
    show("balance-status", "error", "잔액 조회 실패: " + e.message);
  }
}
$("balance-refresh").addEventListener("click", loadBalance);
$("signup-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = $("signup-submit");
  button.disabled = true;
  $("signup-member-id").textContent = "";
  show("signup-result", "pending", "가입 신청 중…");
  try {
    const d = await call("POST", "/api/v1/members", {
      name: $("signup-name").value, phone: $("signup-phone").value, birthDate: $("signup-birth-date").value, test: true,
    });
    if (typeof d.memberId !== "string") throw new Error("응답 형식 오류");
    $("signup-member-id").textContent = d.memberId;
    show("signup-result", "success", "가입 신청 완료");
  } catch (e) {
    show("signup-result", "error", "가입 신청 실패: " + e.message);
  } finally {
    button.disabled = false;
  }
});
$("topup-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const button = $("topup-submit");
  button.disabled = true;
  $("topup-balance").textContent = "";
  show("topup-result", "pending", "충전 중…");
  try {
    const d = await call("POST", "/api/v1/wallet/topups", { amount: Number($("topup-amount").value), sourceAccount: "BNK-000-0000-0000" }, true);
    if (d.status !== "COMPLETED" || typeof d.balanceAfter !== "number") throw new Error("응답 형식 오류");
    $("topup-balance").textContent = won(d.balanceAfter);
    show("topup-result", "success", "충전 완료: " + won(d.amount) + " (캐시백 " + won(d.cashback) + ")");
    loadBalance();
  } catch (e) {
    show("topup-result", "error", "충전 실패: " + e.message);
  } finally {
    button.disabled = false;
  }
});
loadBalance();
</script>
</body>
</html>
`;
}
