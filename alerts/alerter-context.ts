import type { AlertsConfig } from "@/core/config/resolve";
import type { Mailer } from "@/lib/alerts/send-email";
import type { Db } from "@/lib/db";
import type { WatchState } from "@/lib/health/watch-instance";
import type { Logger } from "@/lib/log";

/** What the alerter's jobs share. `now` is injected so tests control time. */
export type AlerterContext = {
  db: Db;
  log: Logger;
  now: () => number;
  alerts: AlertsConfig;
  publicUrl: string;
  mailer: Mailer | null;
  /** the server secret subscribers' link tokens derive from (null: subscribers' mails are not sent) */
  secret: Buffer | null;
  /** when this alerter started (its beat says so) */
  startedAt: number;
  /** the data folder whose disk is watched (null: not watched) */
  dataDir: string | null;
  watch: WatchState;
};
