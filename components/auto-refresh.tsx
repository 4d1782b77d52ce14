"use client";

import { useRouter } from "next/navigation";
import { useEffect } from "react";

/** Fired on window when the public record changed; the penalty meter listens for it. */
export const RECORD_CHANGED_EVENT = "ledger:record-changed";

/**
 * Re-renders the server components of the current page every `seconds`
 * without a full reload, and only while the tab is visible: a hidden tab
 * costs the server nothing, and returning to it refreshes at once.
 * Besides, it listens to GET /api/v1/changes (server-sent events): when an
 * outage is confirmed or ends, the page refreshes at once instead of at the
 * next tick. Without that stream (refused, or a proxy that drops it) the
 * ticks alone keep the page within `seconds` of the record.
 */
export function AutoRefresh({ seconds = 10 }: { seconds?: number }) {
  const router = useRouter();
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    const start = () => {
      if (timer === null) timer = setInterval(() => router.refresh(), seconds * 1000);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        router.refresh();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);

    const changes = typeof EventSource === "function" ? new EventSource("/api/v1/changes") : null;
    const onChange = () => {
      if (document.visibilityState !== "visible") return; // refreshed when the tab is shown again
      router.refresh();
      window.dispatchEvent(new Event(RECORD_CHANGED_EVENT));
    };
    changes?.addEventListener("change", onChange);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
      changes?.close();
    };
  }, [router, seconds]);
  return null;
}
