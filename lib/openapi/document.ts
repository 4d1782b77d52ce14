import { z } from "zod";
import { MAX_BATCH_RESULTS } from "@/core/agent-batch";
import { MAX_BATCH_BYTES } from "@/lib/agents/receive-batch";
import { BADGE_KINDS } from "@/lib/data/badge";
import { MAX_RESULTS_WINDOW_DAYS, OUTAGE_FIELDS, RESULT_FIELDS } from "@/lib/data/exports";
import { ROOTS_DEFAULT_DAYS, ROOTS_MAX_DAYS } from "@/lib/data/ledger-roots";
import { env } from "@/lib/env";
import { HISTORY_DAYS } from "@/lib/data/services";
import { LANGS } from "@/lib/i18n";
import { citizenReportPaths } from "./citizen-paths";
import { COMPONENT_SCHEMAS } from "./schemas";

/**
 * The OpenAPI 3.1 description of every public endpoint, served at
 * /api/v1/openapi.json. Response bodies are the zod schemas of ./schemas.ts
 * turned into JSON Schema (draft 2020-12, OpenAPI 3.1's dialect).
 * tests/open-data/openapi.test.ts validates the document and checks that its
 * paths and the route files under app/ are the same set.
 */

type Json = Record<string, unknown>;

const ref = (name: keyof typeof COMPONENT_SCHEMAS) => ({ $ref: `#/components/schemas/${name}` });

function componentSchemas(): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(COMPONENT_SCHEMAS)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, {
    target: "draft-2020-12",
    uri: (id) => `#/components/schemas/${id}`,
    override: ({ jsonSchema: s }) => {
      // zod spells out the date-time grammar as a regex and the safe-integer range; `format` says it, shorter.
      if (s.format === "date-time") delete s.pattern;
      if (s.type === "integer" && s.minimum === Number.MIN_SAFE_INTEGER && s.maximum === Number.MAX_SAFE_INTEGER) {
        delete s.minimum;
        delete s.maximum;
      }
    },
  }).schemas as Record<string, Json>;
  for (const s of Object.values(out)) {
    delete s.$schema;
    delete s.$id;
  }
  return out;
}

const error = (description: string) => ({ description, content: { "application/json": { schema: ref("Error") } } });
const agentError = (description: string) => ({ description, content: { "application/json": { schema: ref("AgentError") } } });
const NOT_FOUND = error("No service with this slug (or no such function).");
const BAD_PARAMETER = error("A query parameter is invalid; `error.parameter` names it.");

const slugParam = {
  name: "slug",
  in: "path",
  required: true,
  description: "the service's slug, e.g. dongbaekjeon",
  schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,62}$" },
};
const instantParam = (name: "from" | "to" | "at", description: string) => ({
  name,
  in: "query",
  required: false,
  description: `${description} An ISO 8601 instant with an offset (\`2022-04-01T00:00:00+09:00\` or \`…Z\`); encode \`+\` as \`%2B\` (an unencoded \`+\` that arrives as a space is accepted).`,
  schema: { type: "string", format: "date-time" },
});
const monthSchema = { type: "string", pattern: "^[1-9]\\d{3}-(0[1-9]|1[0-2])$" };
const monthQuery = {
  name: "month",
  in: "query",
  required: true,
  description: "a calendar month in the contract's time zone (KST by default), YYYY-MM",
  schema: monthSchema,
  example: "2022-04",
};
const functionParam = (description: string) => ({
  name: "function",
  in: "query",
  required: false,
  description,
  schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,62}$" },
  example: "topup",
});
const csvContent = (description: string) => ({
  description,
  headers: {
    "Content-Disposition": { description: "attachment; filename=…", schema: { type: "string" } },
  },
  content: { "text/csv": { schema: { type: "string" } } },
});

function paths(): Json {
  const outageWindow = [
    slugParam,
    instantParam("from", `Start of the half-open window [from, to); default ${HISTORY_DAYS} days before \`to\`.`),
    instantParam("to", "End of the window (exclusive); default now."),
  ];
  return {
    "/api/v1/services": {
      get: {
        operationId: "listServices",
        tags: ["services"],
        summary: "Every service and the state of each function now",
        responses: { "200": { description: "The services, by slug.", content: { "application/json": { schema: ref("ServiceList") } } } },
      },
    },
    "/api/v1/services/{slug}": {
      get: {
        operationId: "getService",
        tags: ["services"],
        summary: "One service: functions, 90 daily bars, hourly latency, recent outages, contract",
        parameters: [slugParam],
        responses: { "200": { description: "The service page's data.", content: { "application/json": { schema: ref("ServiceDetail") } } }, "404": NOT_FOUND },
      },
    },
    "/api/v1/services/{slug}/outages": {
      get: {
        operationId: "listOutages",
        tags: ["services"],
        summary: "Outages overlapping [from, to)",
        parameters: outageWindow,
        responses: {
          "200": {
            description: "Outages, oldest first; measured and reported ones (`source`).",
            content: { "application/json": { schema: ref("OutageList") } },
          },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
        },
      },
    },
    "/api/v1/services/{slug}/outages.csv": {
      get: {
        operationId: "exportOutagesCsv",
        tags: ["exports"],
        summary: "Outages overlapping [from, to) as CSV",
        description: `The rows of \`GET …/outages\` with the same query, one per outage. Columns: ${OUTAGE_FIELDS.join(", ")}. UTF-8 with a byte order mark, CRLF, RFC 4180.`,
        parameters: outageWindow,
        responses: { "200": csvContent("CSV download."), "400": BAD_PARAMETER, "404": NOT_FOUND },
      },
    },
    ...citizenReportPaths({ slugParam, instantParam, ref, error, csvContent, NOT_FOUND, BAD_PARAMETER }),
    "/api/v1/services/{slug}/sla": {
      get: {
        operationId: "getSlaReport",
        tags: ["services"],
        summary: "The contract report for a calendar month (the same as `ledger report`)",
        parameters: [slugParam, monthQuery],
        responses: {
          "200": {
            description: "The report: availability, outages, money owed with clause and formula.",
            content: { "application/json": { schema: ref("ServiceReport") } },
          },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
          "422": error("No contract covers the month (`no_contract`) or the month has not begun (`not_begun`)."),
        },
      },
    },
    "/api/v1/services/{slug}/meter": {
      get: {
        operationId: "getPenaltyMeter",
        tags: ["services"],
        summary: "The money accruing now under each rule (late go-live, open outage)",
        description:
          "The accruing delay-damages and recovery-time lines of the current month's report (`…/sla`), each with its next step. `at` takes the meter as of a past instant (a replay).",
        parameters: [slugParam, instantParam("at", "The instant to take the meter at; default now.")],
        responses: {
          "200": { description: "The meter; `lines` is empty when nothing is accruing.", content: { "application/json": { schema: ref("PenaltyMeter") } } },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
          "422": error("No contract covers the instant, or its first period has not begun (`no_contract`)."),
        },
      },
    },
    "/api/v1/services/{slug}/sla.csv": {
      get: {
        operationId: "exportSlaCsv",
        tags: ["exports"],
        summary: "The contract report for a month as CSV",
        description:
          "One row per figure, money line (with its inputs), flag, outage, blip and total, with its clause and formula, in one language (`ledger report --format csv --lang ko|en`). Keys are stable in both languages; instants are in the contract's time zone. UTF-8 with a byte order mark.",
        parameters: [
          slugParam,
          monthQuery,
          {
            name: "lang",
            in: "query",
            required: false,
            description: "language of the headers and cells: ko (default) or en",
            schema: { type: "string", enum: ["ko", "en"] },
          },
        ],
        responses: {
          "200": csvContent("CSV download."),
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
          "422": error("No contract covers the month, or it has not begun."),
        },
      },
    },
    "/api/v1/services/{slug}/results": {
      get: {
        operationId: "exportResults",
        tags: ["exports"],
        summary: "Raw probe results in [from, to), as JSON or CSV",
        description: `One row per probe run, ordered by time, streamed. Fields: ${RESULT_FIELDS.join(", ")}. A window may span at most ${MAX_RESULTS_WINDOW_DAYS} days; ask for longer periods in several requests.`,
        parameters: [
          slugParam,
          instantParam("from", "Start of the half-open window [from, to); default 24 hours before `to`."),
          instantParam("to", "End of the window (exclusive); default now."),
          functionParam("only this function's results"),
          {
            name: "format",
            in: "query",
            required: false,
            description: "json (default) or csv",
            schema: { type: "string", enum: ["json", "csv"], default: "json" },
          },
        ],
        responses: {
          "200": {
            description: "The results. JSON and CSV of the same query hold the same rows and fields.",
            headers: { "Content-Disposition": { description: "for CSV: attachment; filename=…", schema: { type: "string" } } },
            content: { "application/json": { schema: ref("ResultList") }, "text/csv": { schema: { type: "string" } } },
          },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
        },
      },
    },
    "/api/v1/services/{slug}/council/{month}.pdf": {
      get: {
        operationId: "getCouncilReportPdf",
        tags: ["exports"],
        summary: "The monthly report as a printable PDF for council sessions",
        parameters: [
          slugParam,
          { name: "month", in: "path", required: true, description: "YYYY-MM in the contract's time zone", schema: monthSchema, example: "2022-04" },
          { name: "lang", in: "query", required: false, description: "ko (default) or en", schema: { type: "string", enum: [...LANGS], default: "ko" } },
        ],
        responses: {
          "200": {
            description: "The report, A4.",
            headers: { "Content-Disposition": { description: "attachment; filename=…", schema: { type: "string" } } },
            content: { "application/pdf": {} },
          },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
          "422": error("No contract covers the month, or it has not begun."),
          "500": error("The PDF could not be printed (`pdf_failed`); the same report is at `…/sla?month=`."),
        },
      },
    },
    "/api/v1/services/{slug}/badge.svg": {
      get: {
        operationId: "getBadge",
        tags: ["badges"],
        summary: "An SVG status badge for embedding",
        parameters: [
          slugParam,
          functionParam("the function; without it the service's overall state (required for kind=uptime30d)"),
          {
            name: "kind",
            in: "query",
            required: false,
            description: "status (default): the state now; uptime30d: availability over the last 30 local days, as the service page's daily bars",
            schema: { type: "string", enum: [...BADGE_KINDS], default: "status" },
          },
          { name: "lang", in: "query", required: false, description: "ko (default) or en", schema: { type: "string", enum: [...LANGS], default: "ko" } },
        ],
        responses: {
          "200": {
            description: "The badge (role=img with a <title>). Cache-Control: public, max-age=60.",
            headers: { "Cache-Control": { schema: { type: "string" } } },
            content: { "image/svg+xml": { schema: { type: "string" } } },
          },
          "400": BAD_PARAMETER,
          "404": NOT_FOUND,
        },
      },
    },
    "/api/v1/audit": {
      get: {
        operationId: "getAuditLog",
        tags: ["audit"],
        summary: "The activity log: every action of a signed-in person, hash-chained",
        description:
          "Acknowledgements, operator updates, maintenance announcements, disputes and their decisions, account changes: who, when, what. Append-only; each entry carries the previous entry's hash, and `chain` says whether the whole log checks out. Newest first.",
        parameters: [
          {
            name: "before",
            in: "query",
            required: false,
            description: "entries older than this id (the `older` of the previous page)",
            schema: { type: "integer", minimum: 1 },
          },
          {
            name: "limit",
            in: "query",
            required: false,
            description: "entries per page, 1 to 1000 (default 100)",
            schema: { type: "integer", minimum: 1, maximum: 1000 },
          },
          {
            name: "service",
            in: "query",
            required: false,
            description: "only entries about this service",
            schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,62}$" },
          },
        ],
        responses: { "200": { description: "A page of the log.", content: { "application/json": { schema: ref("AuditLog") } } }, "400": BAD_PARAMETER },
      },
    },
    "/api/v1/feed.atom": {
      get: {
        operationId: "getFeed",
        tags: ["feeds"],
        summary: "Atom feed of outages of every service",
        description:
          "One entry per outage (measured and reported, labelled), updated when it ends, and one entry per published daily root of the hash chains (category `ledger-root`). Entry ids are tag: URIs that never change.",
        responses: { "200": { description: "Atom 1.0.", content: { "application/atom+xml": { schema: { type: "string" } } } } },
      },
    },
    "/api/v1/services/{slug}/feed.atom": {
      get: {
        operationId: "getServiceFeed",
        tags: ["feeds"],
        summary: "Atom feed of one service's outages",
        parameters: [slugParam],
        responses: { "200": { description: "Atom 1.0.", content: { "application/atom+xml": { schema: { type: "string" } } } }, "404": NOT_FOUND },
      },
    },
    "/api/v1/changes": {
      get: {
        operationId: "streamChanges",
        tags: ["feeds"],
        summary: "Server-sent events: one `change` each time the public record changes",
        description:
          'A `text/event-stream` (served by the instance\'s page cache, in front of the application). It opens with `event: hello`; then one `event: change` (data: `{"version", "at"}`) each time an outage is confirmed or ends, or a statement or decision is published, sent as soon as every copy from before it is expired. Routine new results send nothing (pages refresh every 10 s). A comment line every 25 s keeps proxies from closing a quiet stream. At most 8 streams per client address; more, or more than the instance allows in all, get 503.',
        responses: {
          "200": { description: "The stream.", content: { "text/event-stream": { schema: { type: "string" } } } },
          "503": { description: "Too many open streams; refresh on your own instead." },
        },
      },
    },
    "/api/v1/ledger/roots": {
      get: {
        operationId: "listLedgerRoots",
        tags: ["ledger"],
        summary: "Published daily roots of the results' hash chains",
        description:
          "Every stored result is linked into its probe's hash chain. Once a UTC day is complete, its root is computed and never changed: per probe the chain head at the end of the day, and a root of roots over them. Archive these and check the record later with `npx ledger verify` or the script in docs/verify.md. The incident feed carries each root too.",
        parameters: [
          {
            name: "from",
            in: "query",
            required: false,
            description: `First UTC day (YYYY-MM-DD) of the half-open window [from, to); default ${ROOTS_DEFAULT_DAYS} days before \`to\`.`,
            schema: { type: "string", format: "date" },
            example: "2026-11-01",
          },
          {
            name: "to",
            in: "query",
            required: false,
            description: `The day after the last (exclusive); default tomorrow (UTC), so today is included once complete. At most ${ROOTS_MAX_DAYS} days.`,
            schema: { type: "string", format: "date" },
            example: "2026-12-01",
          },
        ],
        responses: {
          "200": { description: "The roots of the window, oldest first.", content: { "application/json": { schema: ref("LedgerRootList") } } },
          "400": BAD_PARAMETER,
        },
      },
    },
    "/api/v1/agents/results": {
      post: {
        operationId: "postAgentResults",
        tags: ["agents"],
        summary: "A signed batch of results from a remote probe agent",
        description:
          "For probe agents (`npx ledger agent`; docs/agents.md), not for the public. The body is the batch as canonical JSON (object keys sorted, no whitespace); `x-ledger-signature` is the Ed25519 signature of exactly those bytes by the key the configuration lists for the agent. " +
          "A batch id received before with the same content is answered as `duplicate` and stores nothing; the same id with other content, or a new id whose `seq` is not above the agent's last, is refused (409). " +
          `A batch whose sentAt is off from the server's clock by more than the agent's maxClockSkew, or with results the server cannot place, is held (202): kept with its signature and reason, not counted. At most ${MAX_BATCH_RESULTS} results and ${MAX_BATCH_BYTES} bytes.`,
        parameters: [
          {
            name: "x-ledger-agent",
            in: "header",
            required: true,
            description: "the agent's key in the configuration",
            schema: { type: "string", pattern: "^[a-z0-9][a-z0-9-]{0,62}$" },
          },
          {
            name: "x-ledger-signature",
            in: "header",
            required: true,
            description: "Ed25519 signature of the request body, base64 (64 bytes)",
            schema: { type: "string" },
          },
        ],
        requestBody: { required: true, content: { "application/json": { schema: ref("AgentBatch") } } },
        responses: {
          "200": {
            description: "Stored (`accepted`), or received before (`duplicate`).",
            content: { "application/json": { schema: ref("AgentBatchOutcome") } },
          },
          "202": {
            description: "Held back (`held`): kept, not counted; `reason` says why.",
            content: { "application/json": { schema: ref("AgentBatchOutcome") } },
          },
          "400": agentError(
            "Not a valid batch (`invalid_batch`): also two different results for one probe and instant, or a result dated before 2000-01-01 or after the server's clock plus the agent's maxClockSkew; or not its canonical bytes (`not_canonical`).",
          ),
          "401": agentError("No signature (`unsigned`), no such active agent (`unknown_agent`), or the signature does not verify (`bad_signature`)."),
          "409": agentError(
            "A replay: the sequence is not above the agent's last (`replayed_sequence`), or the batch id was used for other content (`batch_conflict`). `lastSeq` tells where to continue.",
          ),
          "413": agentError("The body is too large (`too_large`)."),
        },
      },
    },
    "/api/v1/evidence/{hash}": {
      get: {
        operationId: "getEvidence",
        tags: ["evidence"],
        summary: "A stored piece of evidence by its sha256",
        description:
          "What a failing run kept: the first bytes of the answer's body (redacted, as plain text), a browser screenshot (PNG) or a HAR of the browser's traffic (redacted, without bodies). Outage pages link to these; the hash is the sha256 of the bytes, so a copy can be checked.",
        parameters: [
          { name: "hash", in: "path", required: true, description: "lower-case hex sha256 of the blob", schema: { type: "string", pattern: "^[0-9a-f]{64}$" } },
        ],
        responses: {
          "200": {
            description: "The blob, byte for byte. Cache-Control: immutable.",
            content: {
              "text/plain": { schema: { type: "string" } },
              "image/png": { schema: { type: "string", contentEncoding: "binary" } },
              "application/json": { schema: { type: "object" } },
            },
          },
          "404": error("No evidence with this hash."),
        },
      },
    },
    "/api/v1/openapi.json": {
      get: {
        operationId: "getOpenApi",
        tags: ["meta"],
        summary: "This document",
        responses: { "200": { description: "OpenAPI 3.1.", content: { "application/json": { schema: { type: "object" } } } } },
      },
    },
    "/metrics": {
      get: {
        operationId: "getMetrics",
        tags: ["metrics"],
        summary: "Prometheus metrics (text exposition format 0.0.4)",
        description:
          "Per function: ledger_function_up (1 UP/DEGRADED, 0 FAILING/DOWN, no sample while UNKNOWN, STOPPED or NO_DATA), ledger_function_state (one-hot), ledger_last_result_timestamp_seconds, ledger_last_latency_seconds, ledger_outages_total, ledger_blips_total, ledger_results_total{state}; per service: ledger_service_up, ledger_open_outages.",
        responses: { "200": { description: "Metrics.", content: { "text/plain": { schema: { type: "string" } } } } },
      },
    },
  };
}

let built: Json | undefined;

/** The document, built once per process (it depends on code and the public URL only). */
export function openApiDocument(): Json {
  built ??= buildDocument();
  return built;
}

function buildDocument(): Json {
  return {
    openapi: "3.1.0",
    info: {
      title: "Uptime Ledger public API · 업타임 원장 공개 API",
      version: "1.0.0",
      summary: "An independent record of outages and SLAs of outsourced public digital services",
      description:
        '누구나 쓸 수 있는 공개 데이터입니다. Open data: anyone may take it. Instants are UTC (ISO 8601); windows are half-open [from, to); money is integer KRW; calendar months are in the contract\'s time zone (Asia/Seoul by default). Errors are JSON: `{ "error": { "code", "message", "parameter"? } }`. See docs/api.md.',
      license: { name: "AGPL-3.0-or-later", identifier: "AGPL-3.0-or-later" },
    },
    // LEDGER_PUBLIC_URL: a copy of this document read elsewhere still names the instance
    servers: [{ url: env.publicUrl, description: "this instance" }],
    tags: [
      { name: "services", description: "Services, their state, outages and monthly contract reports" },
      { name: "exports", description: "Downloads: raw results, CSV, PDF" },
      { name: "reports", description: "Citizens' reports: counted apart from measurements, never downtime" },
      { name: "feeds", description: "Atom feeds of incidents" },
      { name: "badges", description: "SVG status badges" },
      { name: "ledger", description: "The hash chains' published daily roots" },
      { name: "evidence", description: "What failing runs kept: redacted bodies, screenshots, HARs" },
      { name: "metrics", description: "Prometheus" },
      { name: "audit", description: "The public activity log of signed-in people" },
      { name: "meta", description: "This description" },
      { name: "agents", description: "For remote probe agents of this instance (signed; not public data)" },
    ],
    paths: paths(),
    components: { schemas: componentSchemas() },
  };
}
