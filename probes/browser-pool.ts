import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";
import type { Logger } from "@/lib/log";

/** Launch flags for Debian's Chromium on a small server: no sandbox (runs as a service user in a container), no GPU, nothing phoning home. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--disable-dev-shm-usage",
];

export type BrowserPool = {
  /**
   * Runs `fn` in a fresh browser context, waiting for a free slot until `signal`
   * aborts. The context is closed in `finally`, whatever `fn` does.
   */
  withContext: <T>(options: BrowserContextOptions, signal: AbortSignal, fn: (context: BrowserContext) => Promise<T>) => Promise<T>;
  /** true while the pool's browser process is up */
  connected: () => boolean;
  /** `contexts` counts the contexts the browser itself reports open (a leak shows here) */
  stats: () => { launches: number; slotsInUse: number; contexts: number; waiting: number; connected: boolean };
  close: () => Promise<void>;
};

export class BrowserUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "BrowserUnavailableError";
  }
}

export type BrowserPoolOptions = {
  executablePath: string;
  /** contexts open at once; each is one tab's worth of memory */
  maxContexts: number;
  log?: Logger;
  launchTimeoutMs?: number;
};

/**
 * One Chromium process shared by every browser probe, with at most
 * `maxContexts` contexts open at once, so memory stays bounded however many
 * journeys are due. The browser is started on first use; when it dies (crash,
 * killed for memory) the next journey starts a new one.
 */
export function createBrowserPool(opts: BrowserPoolOptions): BrowserPool {
  let browser: Browser | null = null;
  let launching: Promise<Browser> | null = null;
  let closed = false;
  let launches = 0;
  let open = 0;
  const waiters: { resolve: () => void; reject: (e: Error) => void; signal: AbortSignal; onAbort: () => void }[] = [];

  const getBrowser = async (): Promise<Browser> => {
    if (browser?.isConnected()) return browser;
    launching ??= (async () => {
      launches++;
      try {
        const b = await chromium.launch({ executablePath: opts.executablePath, args: CHROMIUM_ARGS, headless: true, timeout: opts.launchTimeoutMs ?? 30_000 });
        b.on("disconnected", () => {
          if (browser === b) browser = null;
          if (!closed) opts.log?.warn({ launches }, "browser disconnected; the next journey starts a new one");
        });
        browser = b;
        opts.log?.info({ executablePath: opts.executablePath, launches }, "browser started");
        return b;
      } catch (err) {
        throw new BrowserUnavailableError(`browser could not start: ${(err as Error).message.split("\n")[0]}`, { cause: err });
      } finally {
        launching = null;
      }
    })();
    return launching;
  };

  const acquire = (signal: AbortSignal): Promise<void> => {
    if (closed) return Promise.reject(new BrowserUnavailableError("browser pool is closed"));
    if (open < opts.maxContexts) {
      open++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        signal,
        onAbort: () => {
          const i = waiters.indexOf(waiter);
          if (i >= 0) waiters.splice(i, 1);
          reject(new BrowserUnavailableError(`no browser slot free before the deadline (${opts.maxContexts} in use)`));
        },
      };
      if (signal.aborted) return waiter.onAbort();
      signal.addEventListener("abort", waiter.onAbort, { once: true });
      waiters.push(waiter);
    });
  };

  const release = () => {
    const next = waiters.shift();
    if (next) {
      next.signal.removeEventListener("abort", next.onAbort);
      next.resolve(); // the slot passes straight to the next waiter
    } else {
      open--;
    }
  };

  return {
    async withContext(options, signal, fn) {
      await acquire(signal);
      let context: BrowserContext | null = null;
      try {
        const b = await getBrowser();
        context = await b.newContext(options);
        return await fn(context);
      } finally {
        if (context) {
          // A context of a dead browser cannot be closed cleanly; do not wait on it for long.
          await Promise.race([context.close().catch(() => {}), new Promise((r) => setTimeout(r, 5_000).unref())]);
        }
        release();
      }
    },
    connected: () => browser?.isConnected() ?? false,
    stats: () => ({
      launches,
      slotsInUse: open,
      contexts: browser?.isConnected() ? browser.contexts().length : 0,
      waiting: waiters.length,
      connected: browser?.isConnected() ?? false,
    }),
    async close() {
      closed = true;
      for (const w of waiters.splice(0)) w.reject(new BrowserUnavailableError("browser pool is closed"));
      const b = browser ?? (launching ? await launching.catch(() => null) : null);
      browser = null;
      await b?.close().catch(() => {});
    },
  };
}
