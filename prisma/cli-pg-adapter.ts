/**
 * The PostgreSQL driver adapter for the Prisma CLI only (migrate deploy/diff/status).
 * The application itself uses plain PrismaPg (lib/db.ts).
 *
 * Three work-arounds for Prisma 6.19's JS engine on PostgreSQL (prisma/prisma#27403):
 * 1. the migration engine reads catalog columns of type `name` (oid 19) and `"char"`
 *    (oid 18), which the adapter refuses to deserialize: they are reported as text (25);
 * 2. the pool is built from host/port/user/database fields, not a connection string,
 *    because the adapter's shadow database overrides `database` and a connection string
 *    would win over it ("relation already exists" in the main database);
 * 3. the shadow database's pool is closed before the database is dropped (else DROP
 *    DATABASE waits on its own open connections);
 * 4. a migration script is sent whole (PostgreSQL runs several statements in one simple
 *    query), not cut at every ";": the stock adapter's cut breaks function bodies
 *    (the audit log's append-only trigger).
 */
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";

const AS_TEXT = new Set([18, 19]);
const TEXT_OID = 25;

type Fields = { fields?: { dataTypeID: number }[] };
function retype<T>(result: T): T {
  for (const f of (result as Fields | undefined)?.fields ?? []) if (AS_TEXT.has(f.dataTypeID)) f.dataTypeID = TEXT_OID;
  return result;
}

function patchQuery(target: { query: (...args: never[]) => unknown }): void {
  const original = target.query.bind(target) as (...args: unknown[]) => unknown;
  (target as { query: unknown }).query = (...args: unknown[]) => {
    const out = original(...args);
    return out instanceof Promise ? out.then(retype) : out;
  };
}

class CliPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    patchQuery(this as never);
    this.on("connect", (client) => patchQuery(client as never));
  }
}

export function poolConfigFromUrl(url: string): pg.PoolConfig {
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || "127.0.0.1",
    port: u.port ? Number(u.port) : 5432,
    user: decodeURIComponent(u.username) || undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    database: decodeURIComponent(u.pathname.replace(/^\//, "")) || undefined,
    max: 4,
  };
}

type Adapter = Awaited<ReturnType<PrismaPg["connect"]>>;

function wholeScripts(adapter: Adapter): Adapter {
  adapter.executeScript = async (script: string) => {
    await adapter.underlyingDriver().query(script);
  };
  return adapter;
}

export function cliPgAdapter(url: string) {
  const config = poolConfigFromUrl(url);
  return {
    provider: "postgres" as const,
    adapterName: "@prisma/adapter-pg",
    connect: async () => wholeScripts(await new PrismaPg(new CliPool(config), { disposeExternalPool: true }).connect()),
    async connectToShadowDb() {
      const admin = new CliPool(config);
      const database = `prisma_migrate_shadow_db_${globalThis.crypto.randomUUID().replaceAll("-", "")}`;
      await admin.query(`CREATE DATABASE "${database}"`);
      const shadow = wholeScripts(await new PrismaPg(new CliPool({ ...config, database }), { disposeExternalPool: true }).connect());
      const dispose = shadow.dispose.bind(shadow);
      shadow.dispose = async () => {
        await dispose();
        try {
          await admin.query(`DROP DATABASE IF EXISTS "${database}"`);
        } finally {
          await admin.end();
        }
      };
      return shadow;
    },
  };
}
