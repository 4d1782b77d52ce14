"use client";

import { useState, type MouseEvent } from "react";
import "./pdf-download-link.css";

type Texts = { label: string; preparing: string; done: string; failed: string };

/**
 * The council PDF link. Printing a month for the first time takes seconds, so with scripts the page
 * fetches the PDF itself and says meanwhile that it is working (and when it is done or failed);
 * without scripts it is a plain download link.
 */
export function PdfDownloadLink({ href, filename, texts }: { href: string; filename: string; texts: Texts }) {
  const [state, setState] = useState<"idle" | "preparing" | "done" | "failed">("idle");
  const onClick = async (e: MouseEvent<HTMLAnchorElement>) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    if (state === "preparing") return;
    setState("preparing");
    try {
      const res = await fetch(href);
      if (!res.ok || res.headers.get("content-type") !== "application/pdf") throw new Error(String(res.status));
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement("a");
      a.href = url;
      a.download = filename;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
      setState("done");
    } catch {
      setState("failed");
    }
  };
  return (
    <>
      <a
        className="link-button"
        href={href}
        download={filename}
        type="application/pdf"
        data-testid="council-pdf-link"
        aria-busy={state === "preparing"}
        onClick={(e) => void onClick(e)}
      >
        {state === "preparing" && <span className="spinner" aria-hidden="true" />}
        {texts.label}
      </a>
      <span role="status" aria-live="polite" className="sub-note" data-testid="council-pdf-status" data-state={state}>
        {state === "preparing" ? texts.preparing : state === "done" ? texts.done : state === "failed" ? texts.failed : ""}
      </span>
    </>
  );
}
