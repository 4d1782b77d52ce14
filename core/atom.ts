/**
 * Atom 1.0 (RFC 4287) feeds as plain data in, XML text out. The entry model is
 * general (title, id, dates, links, summary, content, categories) so that any
 * kind of record can become an entry: outages now, the daily hash roots later.
 */
export type AtomLink = { href: string; rel?: string; type?: string; hreflang?: string; title?: string };
export type AtomCategory = { term: string; scheme?: string; label?: string };
export type AtomPerson = { name: string; uri?: string; email?: string };
export type AtomText = { type: "text" | "html"; value: string };

export type AtomEntry = {
  /** a permanent, unique IRI: never changes when the entry is updated */
  id: string;
  title: string;
  updated: Date;
  published?: Date;
  links: AtomLink[];
  summary?: string;
  content?: AtomText;
  categories?: AtomCategory[];
  authors?: AtomPerson[];
};

export type AtomFeed = {
  id: string;
  title: string;
  subtitle?: string;
  updated: Date;
  /** must include rel="self" for a well-behaved feed */
  links: AtomLink[];
  /** required at feed level unless every entry has its own */
  authors: AtomPerson[];
  lang?: string;
  generator?: { name: string; uri?: string; version?: string };
  rights?: string;
  entries: AtomEntry[];
};

export const ATOM_CONTENT_TYPE = "application/atom+xml; charset=utf-8";

// Characters XML 1.0 forbids anywhere (C0 controls except tab, LF, CR; lone surrogates; U+FFFE/FFFF).
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;

/**
 * Text safe inside an element or a double- or single-quoted attribute.
 * Forbidden characters are dropped; CR becomes a character reference, since a
 * parser folds a literal CR LF into LF and the text would not come back as written.
 */
export function escapeXml(text: string): string {
  return text
    .replace(NOT_XML_CHAR, "")
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")
    .replaceAll(">", "&gt;")
    .replaceAll('"', "&quot;")
    .replaceAll("'", "&apos;")
    .replaceAll("\r", "&#xD;");
}

/** RFC 3339 in UTC with milliseconds dropped when zero: 2022-04-01T05:00:00Z. */
export function rfc3339(at: Date): string {
  return at.toISOString().replace(".000Z", "Z");
}

/**
 * A tag: URI (RFC 4151): tag:<authority>,<date>:<specific>. The authority is a
 * DNS name the publisher controls; the date one on which it did; `specific` is
 * kept to characters the RFC allows (others percent-encoded).
 */
export function tagUri(authority: string, date: Date, specific: string): string {
  const day = date.toISOString().slice(0, 10);
  const safe = specific.replace(/[^A-Za-z0-9\-._~!$&'()*+,;=:@/?]/g, (c) => encodeURIComponent(c));
  return `tag:${authority.toLowerCase()},${day}:${safe}`;
}

function attrs(pairs: [string, string | undefined][]): string {
  return pairs
    .filter((p): p is [string, string] => p[1] !== undefined)
    .map(([k, v]) => ` ${k}="${escapeXml(v)}"`)
    .join("");
}

function el(name: string, text: string, attributes: [string, string | undefined][] = []): string {
  return `<${name}${attrs(attributes)}>${escapeXml(text)}</${name}>`;
}

function link(l: AtomLink): string {
  return `<link${attrs([
    ["rel", l.rel],
    ["type", l.type],
    ["hreflang", l.hreflang],
    ["title", l.title],
    ["href", l.href],
  ])}/>`;
}

function person(tag: "author", p: AtomPerson): string {
  return `<${tag}>${el("name", p.name)}${p.uri ? el("uri", p.uri) : ""}${p.email ? el("email", p.email) : ""}</${tag}>`;
}

function category(c: AtomCategory): string {
  return `<category${attrs([
    ["term", c.term],
    ["scheme", c.scheme],
    ["label", c.label],
  ])}/>`;
}

function entry(e: AtomEntry): string {
  const parts = [
    el("id", e.id),
    el("title", e.title, [["type", "text"]]),
    el("updated", rfc3339(e.updated)),
    e.published ? el("published", rfc3339(e.published)) : "",
    ...(e.authors ?? []).map((a) => person("author", a)),
    ...e.links.map(link),
    ...(e.categories ?? []).map(category),
    e.summary !== undefined ? el("summary", e.summary, [["type", "text"]]) : "",
    e.content ? el("content", e.content.value, [["type", e.content.type]]) : "",
  ];
  return `<entry>\n  ${parts.filter(Boolean).join("\n  ")}\n</entry>`;
}

/** The feed document, UTF-8, with the XML declaration. Entries are written in the order given. */
export function renderAtom(feed: AtomFeed): string {
  const head = [
    el("id", feed.id),
    el("title", feed.title, [["type", "text"]]),
    feed.subtitle !== undefined ? el("subtitle", feed.subtitle, [["type", "text"]]) : "",
    el("updated", rfc3339(feed.updated)),
    ...feed.authors.map((a) => person("author", a)),
    ...feed.links.map(link),
    feed.generator
      ? el("generator", feed.generator.name, [
          ["uri", feed.generator.uri],
          ["version", feed.generator.version],
        ])
      : "",
    feed.rights !== undefined ? el("rights", feed.rights, [["type", "text"]]) : "",
  ].filter(Boolean);
  return [
    '<?xml version="1.0" encoding="utf-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom"${attrs([["xml:lang", feed.lang]])}>`,
    ...head,
    ...feed.entries.map(entry),
    "</feed>",
    "",
  ].join("\n");
}
