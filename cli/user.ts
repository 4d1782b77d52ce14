import { randomBytes } from "node:crypto";
import { parseArgs } from "node:util";
import { ZodError } from "zod";
import { isRole } from "@/core/auth/permissions";
import { ActionError } from "@/lib/actions/action-error";
import { createUser } from "@/lib/actions/create-user";
import { updateUser } from "@/lib/actions/update-user";
import type { Db } from "@/lib/db";
import { openReadyDb } from "@/lib/migrate";
import { UsageError } from "./usage-error";

export const USER_USAGE = `ledger create-admin --username <name> [--name <display name>] [--password-stdin]
  The first admin (the citizen group running the instance). Without --password-stdin a random
  password is made and printed once; change it after signing in.

ledger user add --username <name> --role admin|council|operator [--service <slug>]... [--name <display name>] [--password-stdin]
ledger user list
ledger user passwd --username <name> [--password-stdin]
ledger user disable --username <name>
ledger user enable --username <name>
  Accounts are disabled, never deleted. Every change is written to the public activity log
  (actor "command line").`;

type Defaults = { databaseUrl: string; processEnv: NodeJS.ProcessEnv };
type Io = { out: (s: string) => void; stdin: () => Promise<string> };

/** A password from standard input (first line), or a new random one that is printed once. */
async function password(usesStdin: boolean | undefined, io: Io): Promise<{ password: string; generated: boolean }> {
  if (usesStdin) {
    const text = (await io.stdin()).split(/\r?\n/)[0] ?? "";
    return { password: text, generated: false };
  }
  return { password: randomBytes(15).toString("base64url"), generated: true };
}

async function withDb<T>(d: Defaults, fn: (db: Db) => Promise<T>): Promise<T> {
  // A running instance's database is left alone: only a new one is migrated here (lib/migrate.ts).
  const db = await openReadyDb(d.databaseUrl, d.processEnv);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

function explain(err: unknown): never {
  if (err instanceof ActionError) throw new UsageError(`${err.message} (${err.code})`);
  if (err instanceof ZodError) throw new UsageError(err.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("\n"));
  throw err;
}

export async function createAdminCommand(args: string[], d: Defaults, io: Io): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { username: { type: "string" }, name: { type: "string" }, "password-stdin": { type: "boolean" } },
    strict: true,
  });
  if (!values.username) throw new UsageError(USER_USAGE);
  return addUser({ username: values.username, role: "ADMIN", services: [], name: values.name, passwordStdin: values["password-stdin"] }, d, io);
}

async function addUser(
  u: { username: string; role: string; services: string[]; name?: string; passwordStdin?: boolean },
  d: Defaults,
  io: Io,
): Promise<number> {
  const role = u.role.toUpperCase();
  if (!isRole(role)) throw new UsageError(`--role must be admin, council or operator (got "${u.role}")`);
  const pw = await password(u.passwordStdin, io);
  await withDb(d, (db) =>
    createUser(
      db,
      "command-line",
      { username: u.username, displayName: u.name ?? u.username, role, services: u.services, password: pw.password },
      new Date(),
    ).catch(explain),
  );
  io.out(`created ${role.toLowerCase()} account "${u.username.toLowerCase()}"${u.services.length ? ` for ${u.services.join(", ")}` : ""}`);
  if (pw.generated) io.out(`password (shown once; change it after signing in): ${pw.password}`);
  return 0;
}

export async function userCommand(args: string[], d: Defaults, io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      username: { type: "string" },
      role: { type: "string" },
      service: { type: "string", multiple: true },
      name: { type: "string" },
      "password-stdin": { type: "boolean" },
    },
    strict: true,
  });
  switch (sub) {
    case "add":
      if (!values.username || !values.role) throw new UsageError(USER_USAGE);
      return addUser(
        { username: values.username, role: values.role, services: values.service ?? [], name: values.name, passwordStdin: values["password-stdin"] },
        d,
        io,
      );
    case "list":
      await withDb(d, async (db) => {
        const users = await db.user.findMany({
          orderBy: { username: "asc" },
          select: { username: true, displayName: true, role: true, disabledAt: true, services: { select: { service: { select: { slug: true } } } } },
        });
        for (const u of users)
          io.out(
            `${u.username}\t${u.role.toLowerCase()}\t${u.disabledAt ? "disabled" : "active"}\t${u.services.map((s) => s.service.slug).join(",") || "-"}\t${u.displayName}`,
          );
        if (users.length === 0) io.out("no accounts yet: make the first admin with `ledger create-admin --username <name>`");
      });
      return 0;
    case "passwd":
    case "disable":
    case "enable": {
      if (!values.username) throw new UsageError(USER_USAGE);
      const pw = sub === "passwd" ? await password(values["password-stdin"], io) : null;
      await withDb(d, async (db) => {
        const user = await db.user.findUnique({ where: { username: values.username!.toLowerCase() }, select: { id: true } });
        if (!user) throw new UsageError(`no account "${values.username}"`);
        const change = sub === "passwd" ? ({ change: "password", password: pw!.password } as const) : ({ change: sub } as const);
        await updateUser(db, "command-line", { userId: user.id, ...change }, new Date()).catch(explain);
      });
      io.out(sub === "passwd" ? `new password set for "${values.username}"; its sessions have ended` : `account "${values.username}" ${sub}d`);
      if (pw?.generated) io.out(`password (shown once): ${pw.password}`);
      return 0;
    }
    default:
      throw new UsageError(USER_USAGE);
  }
}
