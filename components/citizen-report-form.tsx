"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { leadingZeroBits } from "@/core/citizen/report-rules";

export type ReportChoice = { key: string; label: string };

type Props = {
  slug: string;
  lang: "ko" | "en";
  choices: ReportChoice[];
  districts: ReportChoice[];
  words: { whatFails: string; district: string; districtNone: string; submit: string; working: string; answer: Record<string, string>; noScript: string };
  /** the answer to a report sent without JavaScript (?report=) */
  answer: string | null;
};

/** Finds a nonce for the server's challenge with WebCrypto, a batch of digests at a time. */
async function solve(challenge: string, bits: number): Promise<string> {
  const enc = new TextEncoder();
  for (let base = 0; ; base += 256) {
    const nonces = Array.from({ length: 256 }, (_, i) => (base + i).toString(36));
    const digests = await Promise.all(nonces.map((n) => crypto.subtle.digest("SHA-256", enc.encode(`${challenge}:${n}`))));
    const hit = digests.findIndex((d) => leadingZeroBits(new Uint8Array(d)) >= bits);
    if (hit >= 0) return nonces[hit]!;
  }
}

/**
 * The report form. Without JavaScript it posts as a plain form (stricter limit) and the page
 * shows the answer; with it, the browser first solves the server's proof of work and sends JSON.
 */
export function CitizenReportForm({ slug, lang, choices, districts, words, answer }: Props) {
  const router = useRouter();
  const [status, setStatus] = useState<string | null>(answer ? (words.answer[answer] ?? null) : null);
  const [busy, setBusy] = useState(false);
  const action = `/api/v1/services/${slug}/reports`;

  async function onSubmit(e: React.FormEvent<HTMLFormElement>) {
    // Without WebCrypto (a plain-http address other than localhost) the form goes as it would without JavaScript.
    if (typeof crypto === "undefined" || !crypto.subtle) return;
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    setBusy(true);
    setStatus(words.working);
    try {
      const c = (await (await fetch(`${action}/challenge`, { cache: "no-store" })).json()) as { challenge: string; bits: number };
      const nonce = await solve(c.challenge, c.bits);
      const res = await fetch(action, {
        method: "POST",
        headers: { "content-type": "application/json", accept: "application/json" },
        body: JSON.stringify({ function: form.get("function"), district: form.get("district") ?? "", lang, challenge: c.challenge, nonce }),
      });
      setStatus(words.answer[res.status === 200 ? "ok" : res.status === 429 ? "limited" : "invalid"]!);
      if (res.status === 200) router.refresh();
    } catch {
      setStatus(words.answer.failed!);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form method="post" action={action} onSubmit={onSubmit} className="report-form" data-testid="citizen-report-form">
      <input type="hidden" name="lang" value={lang} />
      <fieldset>
        <legend>{words.whatFails}</legend>
        <div className="report-choices">
          {choices.map((c) => (
            <label key={c.key} className="report-choice">
              <input type="radio" name="function" value={c.key} required /> {c.label}
            </label>
          ))}
        </div>
      </fieldset>
      {districts.length > 0 && (
        <label className="report-district">
          {words.district}
          <select name="district" defaultValue="">
            <option value="">{words.districtNone}</option>
            {districts.map((d) => (
              <option key={d.key} value={d.key}>
                {d.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button className="button" type="submit" disabled={busy} data-testid="citizen-report-submit">
        {words.submit}
      </button>
      <p role="status" aria-live="polite" className="report-status" data-testid="citizen-report-status">
        {status}
      </p>
      <noscript>
        <p className="muted">{words.noScript}</p>
      </noscript>
    </form>
  );
}
