import { randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { errors as playwrightErrors, type Page } from "playwright-core";
import type { BrowserProbe, BrowserStep } from "@/core/config/resolve";
import type { Verdict } from "@/core/evaluate-response";
import { MEDIA_TYPES, type EvidenceBlob } from "@/core/evidence/evidence-blob";
import { bodyExcerpt } from "@/core/evidence/redact";
import { redactHar } from "@/core/evidence/redact-har";
import type { ErrorClass } from "@/core/probe-result";
import { fillTemplate } from "@/core/request-template";
import type { StepDetail } from "@/core/result-detail";
import { BrowserUnavailableError } from "../browser-pool";
import type { ProbeRunner } from "../run-context";
import { slowerThan, toOutcome } from "./outcome";

/** Time allowed after a failure to take the screenshot and read the page, beyond the run's deadline. */
const EVIDENCE_BUDGET_MS = 3_000;
/** A HAR larger than this is not kept (a journey's HAR without bodies is a few KB). */
const MAX_HAR_BYTES = 2 * 1024 * 1024;

type Failure = { verdict: Verdict; step: string };

/**
 * A scripted journey in a real browser (goto, fill, click, expect text, wait),
 * each step timed. On failure the page is kept as evidence: a screenshot, the
 * page's text (redacted) and a HAR of the network traffic (redacted, without
 * bodies). The context always closes (the pool does it in `finally`), also when
 * the first page never loads; a browser that died mid-run makes the result
 * UNKNOWN, since the monitor failed, not the service.
 */
export const runBrowserJourney: ProbeRunner<BrowserProbe> = async (probe, ctx) => {
  // The journey's clock starts once its context is ready: starting the monitor's browser is not the service's time.
  let started = performance.now();
  const steps: StepDetail[] = [];
  let failure: Failure | null = null;
  let status: number | null = null;
  const evidence: EvidenceBlob[] = [];
  let pageInfo: { url: string; title: string | null } | undefined;
  let journeyMs: number | null = null;
  if (!ctx.browsers) {
    return toOutcome(
      { state: "UNKNOWN", errorClass: "MONITOR_ERROR", message: "this worker has no browser for browser journeys" },
      { latencyMs: null, httpStatus: null },
      ctx,
      { detail: { kind: "browser" } },
    );
  }
  const pool = ctx.browsers;
  const dir = await mkdtemp(path.join(os.tmpdir(), "ledger-journey-"));
  const harPath = path.join(dir, "journey.har");
  const deadline = AbortSignal.timeout(probe.timeoutMs);
  try {
    await pool.withContext(
      {
        viewport: probe.viewport,
        locale: "ko-KR",
        timezoneId: "Asia/Seoul",
        serviceWorkers: "block",
        acceptDownloads: false,
        recordHar: { path: harPath, content: "omit" },
      },
      deadline,
      async (context) => {
        const page = await context.newPage();
        started = performance.now();
        for (const [i, step] of probe.steps.entries()) {
          const left = Math.floor(probe.timeoutMs - (performance.now() - started));
          const remaining = step.timeoutMs == null ? left : Math.min(left, step.timeoutMs);
          const label = `step "${step.name}" (${i + 1} of ${probe.steps.length})`;
          if (left <= 0) {
            failure = {
              verdict: { state: "DOWN", errorClass: "TIMEOUT", message: `${label}: not started, the ${probe.timeoutMs} ms deadline had passed` },
              step: step.name,
            };
            steps.push({ name: step.name, phase: "main", outcome: "failed", ms: null, status: null, errorClass: "TIMEOUT", message: failure.verdict.message });
            break;
          }
          page.setDefaultTimeout(remaining);
          page.setDefaultNavigationTimeout(remaining);
          const t0 = performance.now();
          const r: ActionResult = await runAction(page, step, ctx.now, t0 + remaining).catch((err: unknown) => ({
            error: classify(err, step, remaining, pool.connected()),
          }));
          const ms = Math.round(performance.now() - t0);
          if (r.status !== undefined) status = r.status;
          if (r.error) {
            failure = {
              verdict: {
                state: r.error.errorClass === "MONITOR_ERROR" ? "UNKNOWN" : "DOWN",
                errorClass: r.error.errorClass,
                message: `${label}: ${r.error.message}`,
              },
              step: step.name,
            };
            steps.push({
              name: step.name,
              phase: "main",
              outcome: "failed",
              ms,
              status: r.status ?? null,
              errorClass: r.error.errorClass,
              message: failure.verdict.message,
            });
            break;
          }
          steps.push({ name: step.name, phase: "main", outcome: "ok", ms, status: r.status ?? null, errorClass: null, message: null });
        }
        journeyMs = performance.now() - started;
        if (failure && pool.connected()) {
          // A page still loading (a hung navigation) blocks screenshots and reads: stop it first.
          await withTimeout(
            (async () => {
              const cdp = await context.newCDPSession(page);
              await cdp.send("Page.stopLoading");
              await cdp.detach();
            })(),
            1_000,
          );
          const shot = await page.screenshot({ type: "png", timeout: EVIDENCE_BUDGET_MS }).catch(() => null);
          if (shot) evidence.push({ role: "screenshot", step: failure.step, mediaType: MEDIA_TYPES.png, bytes: shot });
          const html = await withTimeout(page.content(), EVIDENCE_BUDGET_MS);
          if (html) {
            const excerpt = bodyExcerpt(Buffer.from(html), ctx.evidence.bodyBytes, ctx.evidence.redactor);
            if (excerpt.text) evidence.push({ role: "page", step: failure.step, mediaType: MEDIA_TYPES.text, bytes: new TextEncoder().encode(excerpt.text) });
          }
          pageInfo = { url: ctx.evidence.redactor.url(page.url()), title: (await withTimeout(page.title(), 1_000)) ?? null };
        }
      },
    );
  } catch (err) {
    // The pool failed us (no browser, no slot in time): the monitor could not measure.
    const message = err instanceof BrowserUnavailableError ? err.message : `browser failed: ${(err as Error).message.split("\n")[0]}`;
    failure ??= { verdict: { state: "UNKNOWN", errorClass: "MONITOR_ERROR", message }, step: steps.at(-1)?.name ?? "" };
  }
  try {
    if (failure) {
      // The HAR is written when the context closes, so it is read only now.
      const size = await stat(harPath)
        .then((s) => s.size)
        .catch(() => 0);
      if (size > 0 && size <= MAX_HAR_BYTES) {
        const har = redactHar(await readFile(harPath, "utf8"), ctx.evidence.redactor, ctx.evidence.bodyBytes);
        if (har) evidence.push({ role: "har", step: failure.step, mediaType: MEDIA_TYPES.har, bytes: new TextEncoder().encode(har) });
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }

  const latencyMs = journeyMs ?? performance.now() - started;
  const verdict: Verdict = failure?.verdict ??
    slowerThan(latencyMs, probe.maxLatencyMs, "the whole journey took ") ?? { state: "UP", errorClass: null, message: null };
  const redactedSteps = steps.map((s) => ({ ...s, message: s.message === null ? null : ctx.evidence.redactor.text(s.message) }));
  return toOutcome(verdict, { latencyMs, httpStatus: status }, ctx, {
    detail: { kind: "browser", step: failure?.step ?? null, steps: redactedSteps, page: pageInfo },
    evidence,
  });
};

type ActionResult = { status?: number; error?: { errorClass: ErrorClass; message: string } };

async function runAction(page: Page, step: BrowserStep, now: Date, deadlineAt: number): Promise<ActionResult> {
  const fill = (s: string) => fillTemplate(s, { uuid: randomUUID, now });
  switch (step.action) {
    case "goto": {
      const res = await page.goto(fill(step.url), { waitUntil: "load" });
      const status = res?.status();
      if (status !== undefined && status >= 400) return { status, error: { errorClass: "ASSERTION_STATUS", message: `page answered ${status}` } };
      return { status };
    }
    case "click":
      await page.locator(step.selector).click();
      return {};
    case "fill":
      await page.locator(step.selector).fill(fill(step.value));
      return {};
    case "waitFor":
      await page.locator(step.selector).waitFor({ state: step.state });
      return {};
    case "expectText": {
      const want = fill(step.text);
      const locator = page.locator(step.selector);
      // Poll the element's text until it holds the expected words or the deadline passes.
      let seen: string | null = null;
      for (;;) {
        const left = Math.max(1, Math.floor(deadlineAt - performance.now()));
        // A read that times out near the deadline keeps what the last one saw: the verdict names the
        // text the page showed, not "not found" because the final short read ran out of time.
        const got = await locator.textContent({ timeout: Math.min(1_000, left) }).catch((err: unknown) => {
          if (err instanceof playwrightErrors.TimeoutError) return null;
          throw err;
        });
        if (got !== null) seen = got;
        if (seen !== null && seen.includes(want)) return {};
        if (performance.now() + 100 >= deadlineAt) break;
        try {
          await page.waitForTimeout(100);
          await locator.waitFor({ state: "attached", timeout: Math.max(1, Math.floor(deadlineAt - performance.now())) });
        } catch (err) {
          if (err instanceof playwrightErrors.TimeoutError) break;
          throw err;
        }
        if (performance.now() >= deadlineAt) break;
      }
      return {
        error: {
          errorClass: "ASSERTION_PAGE",
          message: seen === null ? `${step.selector} not found on the page` : `${step.selector} shows "${seen.trim().slice(0, 200)}", expected "${want}"`,
        },
      };
    }
  }
}

const NET_ERRORS: [RegExp, ErrorClass][] = [
  [/ERR_NAME_NOT_RESOLVED|ERR_NAME_RESOLUTION_FAILED/, "DNS"],
  [/ERR_CONNECTION_REFUSED/, "CONNECTION_REFUSED"],
  [/ERR_CONNECTION_RESET|ERR_CONNECTION_CLOSED|ERR_EMPTY_RESPONSE|ERR_CONNECTION_ABORTED/, "CONNECTION_RESET"],
  [/ERR_CERT_DATE_INVALID/, "TLS_CERT_EXPIRED"],
  [/ERR_CERT_AUTHORITY_INVALID|ERR_CERT_COMMON_NAME_INVALID|ERR_CERT_INVALID|ERR_CERT_REVOKED/, "TLS_CERT_UNTRUSTED"],
  [/ERR_SSL|ERR_CERT/, "TLS"],
  [/ERR_TOO_MANY_REDIRECTS/, "TOO_MANY_REDIRECTS"],
  [/ERR_TIMED_OUT|ERR_CONNECTION_TIMED_OUT/, "TIMEOUT"],
  [/net::ERR_/, "NETWORK"],
];

function classify(err: unknown, step: BrowserStep, remainingMs: number, browserUp: boolean): { errorClass: ErrorClass; message: string } {
  const text = (err as Error)?.message?.split("\n")[0] ?? String(err);
  if (!browserUp || /Target page, context or browser has been closed|Browser has been closed|browser has disconnected/i.test(text)) {
    return { errorClass: "MONITOR_ERROR", message: `the monitor's browser stopped during the journey (${text})` };
  }
  for (const [re, errorClass] of NET_ERRORS) if (re.test(text)) return { errorClass, message: text.replace(/^page\.goto: /, "") };
  if (err instanceof playwrightErrors.TimeoutError) {
    if (step.action === "goto") return { errorClass: "TIMEOUT", message: `page did not finish loading within ${remainingMs} ms` };
    return {
      errorClass: "ASSERTION_PAGE",
      message: `${"selector" in step ? step.selector : ""} not ${step.action === "waitFor" ? step.state : "ready"} within ${remainingMs} ms`,
    };
  }
  return { errorClass: "ASSERTION_PAGE", message: text };
}

async function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | null> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<null>((r) => {
    timer = setTimeout(() => r(null), ms);
  });
  try {
    return await Promise.race([p.catch(() => null), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
