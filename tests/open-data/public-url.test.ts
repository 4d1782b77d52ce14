import { beforeAll, describe, expect, it, vi } from "vitest";
import { call, openDataFixture, type Fixture, type SlugRoute } from "./fixture";

/**
 * Issue 13 item 8: behind the edge, Next.js sees the loopback port
 * (http://localhost:<PORT+1>); absolute links must use LEDGER_PUBLIC_URL instead.
 */
const PUBLIC = "https://status.ledger.example.org";
vi.hoisted(() => {
  process.env.LEDGER_PUBLIC_URL = "https://status.ledger.example.org/";
});

const INTERNAL = "http://localhost:3001";
const absoluteUrls = (xml: string) => [...xml.matchAll(/(?:href="|<id>|<uri>)([^"<]+)/g)].map((m) => m[1]!);

describe("absolute links use the configured public URL, not the address the origin was asked on", () => {
  let fx: Fixture;
  let all: (req: Request) => Promise<Response>;
  let one: SlugRoute;
  beforeAll(async () => {
    fx = await openDataFixture();
    all = (await import("@/app/api/v1/feed.atom/route")).GET;
    one = (await import("@/app/api/v1/services/[slug]/feed.atom/route")).GET;
  });

  it("a service's feed: every link and id is on the public URL", async () => {
    const res = await one(new Request(`${INTERNAL}/api/v1/services/${fx.slug}/feed.atom`), { params: Promise.resolve({ slug: fx.slug }) });
    const xml = await res.text();
    const urls = absoluteUrls(xml);
    expect(urls.length).toBeGreaterThan(5);
    expect(xml).not.toContain("localhost");
    for (const u of urls) expect(u.startsWith(`${PUBLIC}/`) || u.startsWith("tag:status.ledger.example.org,")).toBe(true);
    expect(xml).toMatch(new RegExp(`<link rel="self"[^>]* href="${PUBLIC}/api/v1/services/${fx.slug}/feed\\.atom"`));
  });

  it("the instance-wide feed too", async () => {
    const xml = await (await all(new Request(`${INTERNAL}/api/v1/feed.atom`))).text();
    expect(xml).not.toContain("localhost");
    expect(xml).toContain(`${PUBLIC}/api/v1/feed.atom`);
  });

  it("the same feed asked on another host is the same document (ids unique per instance, not per request)", async () => {
    const a = await (await call(one, `/api/v1/services/${fx.slug}/feed.atom`, fx.slug)).text();
    const b = await (await one(new Request(`${INTERNAL}/api/v1/services/${fx.slug}/feed.atom`), { params: Promise.resolve({ slug: fx.slug }) })).text();
    expect(a).toBe(b);
  });

  it("the OpenAPI description names the public URL as its server", async () => {
    const { openApiDocument } = await import("@/lib/openapi/document");
    expect((openApiDocument() as { servers: { url: string }[] }).servers[0]!.url).toBe(PUBLIC);
  });

  it("pages resolve their language alternates against the public URL", async () => {
    const { generateMetadata } = await import("@/app/[lang]/layout");
    const meta = await generateMetadata({ params: Promise.resolve({ lang: "ko" }) });
    expect(String(meta.metadataBase)).toBe(`${PUBLIC}/`);
  });
});
