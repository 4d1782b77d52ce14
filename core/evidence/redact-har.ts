import { REDACTED, type Redactor } from "./redact";

type HarHeader = { name: string; value: string };
type HarEntry = {
  request?: { url?: string; headers?: HarHeader[]; cookies?: unknown[]; queryString?: HarHeader[]; postData?: { text?: string; params?: HarHeader[] } };
  response?: { headers?: HarHeader[]; cookies?: unknown[]; redirectURL?: string; content?: { text?: string; size?: number } };
};

/**
 * A browser journey's HAR with the same redaction as every other piece of
 * evidence: secret headers and cookies dropped, URLs, form data and any kept
 * content passed through the redactor, each kept text cut to `textBytes`.
 * Returns null when the file is not a HAR.
 */
export function redactHar(raw: string, redactor: Redactor, textBytes: number): string | null {
  let har: { log?: { entries?: HarEntry[]; pages?: { title?: string }[] } };
  try {
    har = JSON.parse(raw) as typeof har;
  } catch {
    return null;
  }
  if (!har.log || !Array.isArray(har.log.entries)) return null;
  const headers = (list: HarHeader[] | undefined) =>
    (list ?? []).map((h) => ({ name: h.name, value: redactor.isSecretHeader(h.name) ? REDACTED : redactor.text(h.value) }));
  const cut = (text: string) => redactor.text(text.slice(0, textBytes + 1024)).slice(0, textBytes);
  for (const page of har.log.pages ?? []) if (typeof page.title === "string") page.title = redactor.url(page.title);
  for (const e of har.log.entries) {
    if (e.request) {
      if (e.request.url) e.request.url = redactor.url(e.request.url);
      e.request.headers = headers(e.request.headers);
      e.request.cookies = [];
      if (e.request.queryString)
        e.request.queryString = e.request.queryString.map((q) => ({ name: q.name, value: redactor.isSecretParam(q.name) ? "…" : redactor.text(q.value) }));
      if (e.request.postData?.text) e.request.postData.text = cut(e.request.postData.text);
      if (e.request.postData?.params)
        e.request.postData.params = e.request.postData.params.map((p) => ({
          name: p.name,
          value: redactor.isSecretParam(p.name) ? REDACTED : redactor.text(p.value),
        }));
    }
    if (e.response) {
      e.response.headers = headers(e.response.headers);
      e.response.cookies = [];
      if (e.response.redirectURL) e.response.redirectURL = redactor.url(e.response.redirectURL);
      if (e.response.content?.text) e.response.content.text = cut(e.response.content.text);
    }
  }
  return JSON.stringify(har);
}
