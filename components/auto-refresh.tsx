"use client";

import { usePathname, useRouter } from "next/navigation";
import { useEffect } from "react";
import { replayInstant, replayStep } from "./replay-clock";

/**
 * Re-renders the server components of the current page every `seconds`
 * without a full reload, and only while the tab is visible: a hidden tab
 * costs the server nothing, and returning to it refreshes at once.
 * Besides, it listens to GET /api/v1/changes (server-sent events): when an
 * outage is confirmed or ends, the page refreshes at once instead of at the
 * next tick. Without that stream (refused, or a proxy that drops it) the
 * ticks alone keep the page within `seconds` of the record.
 */
export function AutoRefresh({ seconds = 10, replay = null }: { seconds?: number; replay?: { at: string; speed: number } | null }) {
  const router = useRouter();
  const pathname = usePathname();
  const replayAt = replay?.at ?? null;
  const speed = replay?.speed ?? 1;
  useEffect(() => {
    let timer: ReturnType<typeof setInterval> | null = null;
    // A replay moves its instant forward at its speed: each tick asks for the page at the instant reached
    // (the address always names what is shown), and once it reaches the present, for the present.
    if (replayAt) replayInstant({ at: replayAt, speed }); // the clock starts when the page does
    const tick = () => {
      if (!replayAt) return router.refresh();
      const at = replayStep({ at: replayAt, speed });
      router.replace(Date.parse(at) >= Date.now() ? pathname : `${pathname}?at=${encodeURIComponent(at)}&speed=${speed}`, { scroll: false });
    };
    const start = () => {
      if (timer === null) timer = setInterval(tick, seconds * 1000);
    };
    const stop = () => {
      if (timer !== null) clearInterval(timer);
      timer = null;
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") {
        tick();
        start();
      } else stop();
    };
    if (document.visibilityState === "visible") start();
    document.addEventListener("visibilitychange", onVisibility);

    // a replay shows the past: changes to the present record do not concern it
    const changes = typeof EventSource === "function" && !replayAt ? new EventSource("/api/v1/changes") : null;
    const onChange = () => {
      if (document.visibilityState !== "visible") return; // refreshed when the tab is shown again
      router.refresh();
    };
    changes?.addEventListener("change", onChange);
    return () => {
      stop();
      document.removeEventListener("visibilitychange", onVisibility);
      changes?.close();
    };
  }, [router, seconds, pathname, replayAt, speed]);
  return null;
}
