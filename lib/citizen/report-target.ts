import type { District } from "@/core/config/resolve";
import { EXTRA_REPORT_KEYS } from "@/core/citizen/report-rules";
import type { Db } from "@/lib/db";

/** What a citizen can report about a service: its functions (in order), the two extra keys, its districts. */
export type ReportTarget = {
  serviceId: number;
  slug: string;
  name: string;
  nameEn: string;
  enabled: boolean;
  functions: { key: string; name: string; nameEn: string }[];
  /** every key a report may name: the functions, then "in-store-payment" and "other" */
  keys: string[];
  districts: District[];
};

export async function reportTarget(db: Db, slug: string): Promise<ReportTarget | null> {
  const s = await db.service.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      name: true,
      nameEn: true,
      accounting: true,
      functions: { select: { key: true, name: true, nameEn: true }, orderBy: { sortOrder: "asc" } },
    },
  });
  if (!s) return null;
  const cfg = citizenReportsOf(s.accounting);
  return {
    serviceId: s.id,
    slug: s.slug,
    name: s.name,
    nameEn: s.nameEn,
    enabled: cfg.enabled,
    functions: s.functions,
    keys: [...s.functions.map((f) => f.key), ...EXTRA_REPORT_KEYS],
    districts: cfg.districts,
  };
}

/** The service's citizen-report settings as the configuration stored them (on, no districts, when absent). */
export function citizenReportsOf(accounting: string): { enabled: boolean; districts: District[] } {
  try {
    const a = JSON.parse(accounting) as { citizenReports?: { enabled?: boolean; districts?: District[] } };
    return { enabled: a.citizenReports?.enabled ?? true, districts: a.citizenReports?.districts ?? [] };
  } catch {
    return { enabled: true, districts: [] };
  }
}
