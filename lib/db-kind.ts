export type DbKind = "sqlite" | "postgresql";

/** Which database a DATABASE_URL names: file: → SQLite, postgres:// → PostgreSQL. */
export function dbKind(url: string): DbKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must be a file: (SQLite) or postgres:// (PostgreSQL) URL (got "${url.split(":")[0]}:")`);
}
