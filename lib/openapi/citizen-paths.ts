import { REPORT_LIMITS } from "@/core/citizen/report-rules";
import { REPORT_BODY_BYTES } from "@/lib/citizen/receive-report";

type Json = Record<string, unknown>;
/** The document's shared parts (lib/openapi/document.ts), handed in so both describe parameters and errors alike. */
export type PathParts = {
  slugParam: Json;
  instantParam: (name: "from" | "to" | "at", description: string) => Json;
  ref: (name: "CitizenReports" | "ReportChallenge" | "ReportAccepted") => Json;
  error: (description: string) => Json;
  csvContent: (description: string) => Json;
  NOT_FOUND: Json;
  BAD_PARAMETER: Json;
};

const L = REPORT_LIMITS;

/** The citizen-report endpoints of the OpenAPI document. */
export function citizenReportPaths(p: PathParts): Record<string, Json> {
  const window = [
    p.slugParam,
    p.instantParam("from", "Start of the half-open window [from, to); default 24 hours before `to`."),
    p.instantParam("to", "End of the window (exclusive); default now."),
  ];
  return {
    "/api/v1/services/{slug}/reports": {
      get: {
        operationId: "getCitizenReports",
        tags: ["reports"],
        summary: "Citizens' reports per 5 minutes, function and district, and their surges",
        description: [
          "What citizens reported failing for them (the service's functions, `in-store-payment`, `other`), counted per 5-minute bucket.",
          "Reports, not measurements: never downtime, never in a contract figure.",
          "A surge is the last hour reaching 10 times the median of the same hour on the 7 days before, and at least 20.",
          "Window: default the last 24 hours, at most 7 days.",
        ].join(" "),
        parameters: window,
        responses: {
          "200": { description: "The counts and surges.", content: { "application/json": { schema: p.ref("CitizenReports") } } },
          "400": p.BAD_PARAMETER,
          "404": p.NOT_FOUND,
        },
      },
      post: {
        operationId: "postCitizenReport",
        tags: ["reports"],
        summary: "Report that something fails (the service page's form)",
        description: [
          "A form (`application/x-www-form-urlencoded`, answered 303 back to the service page with `?report=ok|limited|invalid`)",
          `or JSON (answered as below). At most ${REPORT_BODY_BYTES} bytes.`,
          `With a solved \`challenge\` and \`nonce\` (\`…/reports/challenge\`) a client may file ${L.clientPerHour} reports an hour,`,
          `${L.clientPerFunctionPerHour} per function; without them ${L.clientPerHourWithoutProof}.`,
          `Every function takes at most ${L.functionPerMinute} reports a minute from everyone.`,
          "The client is the address the site's trusted proxies give, kept only as a keyed hash rotated daily.",
        ].join(" "),
        parameters: [p.slugParam],
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["function"],
                properties: {
                  function: { type: "string", description: "one of `keys` in GET …/reports" },
                  district: { type: "string", description: "one of `districts[].key`, or empty" },
                  challenge: { type: "string" },
                  nonce: { type: "string", pattern: "^[0-9A-Za-z_-]{1,32}$" },
                  lang: { type: "string", enum: ["ko", "en"] },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "Counted.", content: { "application/json": { schema: p.ref("ReportAccepted") } } },
          "303": { description: "A form: back to the service page with the answer." },
          "400": p.error("Not something the form offers (`bad_function`, `bad_district`), or a proof that does not verify (`bad_proof`)."),
          "403": p.error("The service takes no reports (`disabled`), or the request came from another site (`cross_origin`)."),
          "404": p.NOT_FOUND,
          "413": p.error(`The body is over ${REPORT_BODY_BYTES} bytes (\`too_large\`).`),
          "429": p.error("Not counted: a limit was reached (`rate_limited`); `Retry-After` says when to try again."),
        },
      },
    },
    "/api/v1/services/{slug}/reports/challenge": {
      get: {
        operationId: "getReportChallenge",
        tags: ["reports"],
        summary: "A proof-of-work challenge for one report",
        description: `Bound to the service and the asking client, valid ${L.proofTtlMs / 60_000} minutes; never cached.`,
        parameters: [p.slugParam],
        responses: { "200": { description: "The challenge.", content: { "application/json": { schema: p.ref("ReportChallenge") } } }, "404": p.NOT_FOUND },
      },
    },
    "/api/v1/services/{slug}/reports.csv": {
      get: {
        operationId: "exportCitizenReportsCsv",
        tags: ["exports"],
        summary: "Citizens' report counts as CSV",
        description: [
          "The counts of `GET …/reports` with the same window.",
          "Columns: service, kind (CITIZEN_REPORTS), bucket_start, bucket_sec, function_key, district, count.",
          "UTF-8 with a byte order mark, CRLF, RFC 4180.",
        ].join(" "),
        parameters: window,
        responses: { "200": p.csvContent("CSV download."), "400": p.BAD_PARAMETER, "404": p.NOT_FOUND },
      },
    },
  };
}
