import type { AlertKind, AlertPayload } from "@/core/alerts/alert-payload";
import type { AlertsConfig } from "@/core/config/resolve";
import { DISK_FULL_FRACTION, staleAfterMs } from "@/core/health/readiness";
import type { Mailer } from "@/lib/alerts/send-email";
import { sendWebhook } from "@/lib/alerts/send-webhook";
import type { Db } from "@/lib/db";
import type { Logger } from "@/lib/log";
import { claimRecovery, claimStaleAlert, readBeats } from "./process-beat";
import { diskUse, smallestProbeIntervalMs } from "./read-readiness";

export type WatchState = { diskAlerted: boolean };

/**
 * One look at the instance from one of its processes: the alerter watches the probe worker and the
 * data disk, the worker watches the alerter (which cannot report its own death). A stopped process
 * is reported once per stopped spell, whichever watcher claims it first, and its return once; a
 * claim whose alert reached no channel is given back so the next look tries again.
 */
export async function watchInstance(
  db: Db,
  opts: {
    now: number;
    roles: string[];
    alerts: AlertsConfig;
    mailer: Mailer | null;
    publicUrl: string;
    log: Logger;
    /** the data folder whose disk is watched, or null not to watch it */
    dataDir: string | null;
    state: WatchState;
  },
): Promise<{ sent: string[] }> {
  const sent: string[] = [];
  if (opts.alerts.instanceChannels.length === 0) return { sent };
  const limit = staleAfterMs(await smallestProbeIntervalMs(db));
  const beats = await readBeats(db);
  for (const role of opts.roles) {
    const beat = beats.find((b) => b.role === role);
    if (!beat) continue; // never started: /readyz says so; there is no spell to report
    const age = opts.now - beat.at;
    if (age > limit) {
      if (!(await claimStaleAlert(db, role, opts.now - limit, opts.now))) continue;
      const detail = `last beat ${Math.round(age / 1000)} s ago (limit ${limit / 1000} s)`;
      if (await send(opts, "instance_unready", role, detail)) sent.push(`${role}:stopped`);
      else await db.processBeat.updateMany({ where: { role }, data: { staleAlertedAt: null } });
    } else if (beat.staleAlertedAt !== null && (await claimRecovery(db, role, opts.now - limit))) {
      await send(opts, "instance_ready", role, `beating again (last beat ${Math.round(age / 1000)} s ago)`);
      sent.push(`${role}:back`);
    }
  }
  if (opts.dataDir) {
    const disk = await diskUse(opts.dataDir);
    if (disk) {
      const pct = `${Math.round(disk.usedFraction * 1000) / 10}% used on the disk holding ${disk.path}`;
      if (disk.usedFraction >= DISK_FULL_FRACTION && !opts.state.diskAlerted) {
        opts.state.diskAlerted = await send(opts, "instance_unready", "disk", `${pct} (limit ${DISK_FULL_FRACTION * 100}%)`);
        if (opts.state.diskAlerted) sent.push("disk:full");
      } else if (disk.usedFraction < DISK_FULL_FRACTION && opts.state.diskAlerted) {
        opts.state.diskAlerted = false;
        await send(opts, "instance_ready", "disk", pct);
        sent.push("disk:ok");
      }
    }
  }
  return { sent };
}

/** Sends straight to the admins' channels (not through the outbox: the alerter that drains it may be the one stopped). */
async function send(
  opts: { now: number; alerts: AlertsConfig; mailer: Mailer | null; publicUrl: string; log: Logger },
  kind: AlertKind,
  check: string,
  detail: string,
): Promise<boolean> {
  const payload: AlertPayload = {
    kind,
    service: { slug: "", name: "측정 인스턴스", nameEn: "monitoring instance", timeZone: "Asia/Seoul" },
    function: null,
    outage: null,
    budget: null,
    instance: { check, detail },
    round: 0,
    level: 0,
    escalated: false,
    url: `${opts.publicUrl.replace(/\/$/, "")}/readyz`,
    createdAt: new Date(opts.now).toISOString(),
  };
  let delivered = false;
  for (const key of opts.alerts.instanceChannels) {
    const channel = opts.alerts.channels.find((c) => c.key === key);
    if (!channel) continue;
    const result =
      channel.kind === "email"
        ? opts.mailer
          ? await opts.mailer.send(channel, payload, opts.now)
          : { ok: false, detail: "no SMTP server configured" }
        : await sendWebhook(channel, payload, opts.now, new Date(opts.now));
    if (result.ok) delivered = true;
    opts.log[result.ok ? "info" : "warn"]({ kind, check, channel: key, detail: result.detail }, "instance alert");
  }
  return delivered;
}
