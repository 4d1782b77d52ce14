import { reportChallenge } from "@/lib/citizen/receive-report";

export const dynamic = "force-dynamic";

/** GET /api/v1/services/{slug}/reports/challenge: a proof-of-work challenge for one report (never cached). */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }): Promise<Response> {
  return reportChallenge(req, (await params).slug);
}
