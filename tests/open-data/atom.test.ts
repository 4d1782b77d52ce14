import Parser from "rss-parser";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { escapeXml, renderAtom, rfc3339, tagUri, type AtomFeed } from "@/core/atom";
import { outageEntry } from "@/lib/data/feed";
import { call, NASTY_MESSAGE, openDataFixture, type Fixture, type SlugRoute } from "./fixture";

type Link = { $: { rel?: string; href: string; hreflang?: string; type?: string } };
type Category = { $: { term: string; label?: string } };
type Item = {
  title: string;
  link: string;
  id: string;
  pubDate: string;
  isoDate: string;
  summary: string;
  updated: string;
  links: Link[];
  categories: Category[];
};
const parser: Parser<Record<string, unknown>, Item> = new Parser({
  customFields: { item: ["updated", ["link", "links", { keepArray: true }], ["category", "categories", { keepArray: true }]] },
});

// Feeds link on LEDGER_PUBLIC_URL (read once, when lib/env is first imported)
vi.hoisted(() => {
  process.env.LEDGER_PUBLIC_URL = "http://ledger.test";
});

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

describe("core/atom", () => {
  it.each([
    ["markup", "<b>&</b>", "&lt;b&gt;&amp;&lt;/b&gt;"],
    ["quotes", `"a" 'b'`, "&quot;a&quot; &apos;b&apos;"],
    ["Hangul untouched", "동백전 충전", "동백전 충전"],
    ["an entity-looking text is escaped once", "&amp;", "&amp;amp;"],
    ["C0 controls XML forbids are dropped; tab, LF kept; CR as a reference (parsers fold a literal CR LF to LF)", "a\u0000b\u0007c\td\r\ne", "abc\td&#xD;\ne"],
    ["lone surrogates and U+FFFE are dropped", "x\uD800y\uFFFEz", "xyz"],
    ["astral characters kept", "🙂", "🙂"],
  ])("escapes %s", (_name, input, expected) => expect(escapeXml(input)).toBe(expected));

  it("RFC 3339 in UTC", () => {
    expect(rfc3339(new Date("2022-04-01T05:00:00Z"))).toBe("2022-04-01T05:00:00Z");
    expect(rfc3339(new Date("2022-04-01T05:00:00.250Z"))).toBe("2022-04-01T05:00:00.250Z");
  });

  it("tag: URIs (RFC 4151)", () => {
    expect(tagUri("Ledger.Example.org", new Date("2022-04-01T15:00:00Z"), "dongbaekjeon/outage/7")).toBe(
      "tag:ledger.example.org,2022-04-01:dongbaekjeon/outage/7",
    );
    expect(tagUri("x.org", new Date(0), "a b#c")).toBe("tag:x.org,1970-01-01:a%20b%23c");
  });

  it("writes a feed readers parse, with hostile text intact", async () => {
    const evil = `<script>alert("x")</script> & ]]> 'q'`;
    const feed: AtomFeed = {
      id: "https://ledger.example/api/v1/feed.atom",
      title: `feed ${evil}`,
      updated: new Date("2022-04-04T00:00:00Z"),
      links: [{ rel: "self", href: "https://ledger.example/api/v1/feed.atom?a=1&b=2" }],
      authors: [{ name: "Ledger" }],
      entries: [
        {
          id: "tag:ledger.example,2022-04-01:x/outage/1",
          title: evil,
          updated: new Date("2022-04-04T00:00:00Z"),
          published: new Date("2022-04-01T05:00:00Z"),
          links: [{ rel: "alternate", type: "text/html", href: "https://ledger.example/ko/outages/1?x=<1>&y=2" }],
          summary: `${evil}\nline 2`,
          categories: [{ term: "measured", label: `a "b" <c>` }],
        },
      ],
    };
    const xml = renderAtom(feed);
    expect(xml).not.toContain("<script>");
    const parsed = await parser.parseString(xml);
    expect(parsed.title).toBe(`feed ${evil}`);
    expect(parsed.feedUrl).toBe("https://ledger.example/api/v1/feed.atom?a=1&b=2");
    const item = parsed.items[0]!;
    expect(item.title).toBe(evil);
    expect(item.link).toBe("https://ledger.example/ko/outages/1?x=<1>&y=2");
    expect(item.summary).toBe(`${evil}\nline 2`);
    expect(item.categories[0]!.$.label).toBe(`a "b" <c>`);
    expect(item.pubDate).toBe("2022-04-01T05:00:00.000Z");
  });

  it("an outage entry keeps its id when it closes, and moves `updated` to the end", () => {
    const base = {
      id: 7,
      source: "MEASURED",
      startedAt: new Date("2022-04-01T05:00:00Z"),
      confirmedAt: new Date("2022-04-01T05:00:20Z"),
      endedAt: null,
      createdAt: new Date("2022-04-01T05:00:21Z"),
      errorClass: "TIMEOUT",
      message: null,
      service: { slug: "dongbaekjeon", name: "동백전", nameEn: "Dongbaekjeon", timeZone: "Asia/Seoul" },
      function: { key: "topup", name: "충전", nameEn: "Top-up" },
    };
    const open = outageEntry(base, "https://ledger.example");
    const closed = outageEntry({ ...base, endedAt: new Date("2022-04-04T00:00:00Z") }, "https://ledger.example");
    expect(open.id).toBe("tag:ledger.example,2022-04-01:dongbaekjeon/outage/7");
    expect(closed.id).toBe(open.id);
    expect(open.title).toBe("동백전 충전 장애 (Dongbaekjeon Top-up outage) — 진행 중/ongoing");
    expect(closed.title).toBe("동백전 충전 장애 (Dongbaekjeon Top-up outage) — 복구/resolved");
    expect(open.updated).toEqual(base.confirmedAt);
    expect(closed.updated).toEqual(new Date("2022-04-04T00:00:00Z"));
    // 81 h in KST: 2022-04-01 14:00 → 04-04 09:00 (the 2022 case: 3 d 19 h from 14:00)
    expect(closed.summary).toContain("시작 2022년 4월 1일 14:00");
    expect(closed.summary).toContain("종료 2022년 4월 4일 09:00");
    expect(closed.summary).toContain("lasted 2 d 19 h");
    expect(outageEntry({ ...base, source: "REPORTED" }, "https://ledger.example").title).toMatch(/^\[보도·제보\/reported\] /);
    expect(open.summary).toContain("원인 · cause: TIMEOUT");
    // a message that already names its class is not prefixed twice
    expect(outageEntry({ ...base, message: "TIMEOUT: no answer in 2s" }, "https://ledger.example").summary).toMatch(/원인 · cause: TIMEOUT: no answer in 2s$/);
  });
});

describe("GET /api/v1/feed.atom and …/{slug}/feed.atom", () => {
  let fx: Fixture;
  let all: () => Promise<Response>;
  let one: SlugRoute;
  beforeAll(async () => {
    fx = await openDataFixture();
    const mod = await import("@/app/api/v1/feed.atom/route");
    all = () => mod.GET();
    one = (await import("@/app/api/v1/services/[slug]/feed.atom/route")).GET;
  });

  it("one entry per outage, measured and reported, labelled, newest change first", async () => {
    const res = await call(one, `/api/v1/services/${fx.slug}/feed.atom`, fx.slug);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    const xml = await res.text();
    const feed = await parser.parseString(xml);
    expect(feed.feedUrl).toBe(`http://ledger.test/api/v1/services/${fx.slug}/feed.atom`);
    expect(feed.link).toBe(`http://ledger.test/ko/services/${fx.slug}`);
    expect(feed.items).toHaveLength(3);

    const [open, closed, reported] = feed.items;
    expect(open!.title).toBe(`서비스 ${fx.slug} topup 장애 (Service ${fx.slug} topup outage) — 진행 중/ongoing`);
    expect(closed!.title).toMatch(/— 복구\/resolved$/);
    expect(reported!.title).toMatch(/^\[보도·제보\/reported\] .* — 복구\/resolved$/);
    const { createdAt } = await fx.db.outage.findUniqueOrThrow({ where: { id: fx.reportedOutageId } });
    expect(reported!.id).toBe(`tag:ledger.test,${createdAt.toISOString().slice(0, 10)}:${fx.slug}/outage/${fx.reportedOutageId}`);
    expect(reported!.categories.map((c) => c.$.term)).toEqual(["reported", `service:${fx.slug}`, "function:topup", "resolved"]);
    expect(open!.categories[0]!.$.term).toBe("measured");

    for (const item of feed.items) {
      expect(item.id).toMatch(/^tag:ledger\.test,\d{4}-\d{2}-\d{2}:svc-[0-9a-f]{8}\/outage\/\d+$/);
      expect(item.link).toMatch(/^http:\/\/ledger\.test\/ko\/outages\/\d+$/);
      expect(item.links.map((l) => l.$.href)).toContain(`http://ledger.test/ko/services/${fx.slug}`);
      expect(item.updated).toMatch(RFC3339);
      expect(item.isoDate).toMatch(RFC3339);
      expect(Date.parse(item.updated)).toBeGreaterThanOrEqual(Date.parse(item.pubDate));
    }
    const updated = feed.items.map((i) => Date.parse(i.updated));
    expect(updated).toEqual([...updated].sort((a, b) => b - a));
    expect(feed.lastBuildDate).toBe(open!.updated);
    // the cause, with <, & and quotes, survives the round trip
    expect(closed!.summary).toContain(NASTY_MESSAGE);
  });

  it("the all-services feed holds the service's entries", async () => {
    const feed = await parser.parseString(await (await all()).text());
    expect(feed.feedUrl).toBe("http://ledger.test/api/v1/feed.atom");
    expect(feed.items.filter((i) => i.id.includes(`:${fx.slug}/`))).toHaveLength(3);
  });

  it("an unknown service → 404", async () => expect((await call(one, "/api/v1/services/nope/feed.atom", "nope")).status).toBe(404));
});
