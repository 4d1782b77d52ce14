import pg from "pg";

/**
 * Drops the PostgreSQL databases this run's servers used (playwright.config.ts), if any.
 * Under `npm run test:pg` the runner drops them itself once the servers have stopped
 * (E2E_DROP_DATABASES=after), so they are not pulled from under a running stack.
 */
export default async function teardown(): Promise<void> {
  if (process.env.E2E_DROP_DATABASES === "after") return;
  for (const url of [process.env.E2E_DATABASE_URL, process.env.E2E_RECORD_DATABASE_URL]) {
    if (!url) continue;
    const target = new URL(url);
    const name = target.pathname.slice(1);
    target.pathname = "/postgres";
    const client = new pg.Client({ connectionString: target.toString() });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
