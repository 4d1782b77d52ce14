/**
 * A small well-formedness check for the XML this project writes (no DTDs, no
 * CDATA, no comments): tags nest and close, attributes are quoted and unique,
 * every `&` starts a known entity or a character reference, no raw `<` in text.
 * Returns the root element and the text of each element, or throws with the offset.
 */
export type XmlElement = { name: string; attrs: Record<string, string>; children: XmlElement[]; text: string };

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

function decode(raw: string, at: number): string {
  if (raw.includes("<")) throw new Error(`raw "<" in text or attribute near ${at}`);
  return raw.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(";")) throw new Error(`unterminated reference near ${at}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#x([0-9a-fA-F]+)$/.exec(body) ?? /^#(\d+)$/.exec(body);
    if (num) return String.fromCodePoint(body.startsWith("#x") ? parseInt(num[1]!, 16) : Number(num[1]));
    throw new Error(`unknown entity &${body}; near ${at}`);
  });
}

export function parseXml(xml: string): XmlElement {
  let i = 0;
  const s = xml.replace(/^\uFEFF/, "");
  if (s.startsWith("<?xml")) i = s.indexOf("?>") + 2;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  while (i < s.length) {
    const lt = s.indexOf("<", i);
    const text = s.slice(i, lt === -1 ? s.length : lt);
    if (stack.length === 0 && text.trim() !== "") throw new Error(`text outside the root near ${i}`);
    if (stack.length > 0) stack.at(-1)!.text += decode(text, i);
    if (lt === -1) break;
    const gt = s.indexOf(">", lt);
    if (gt === -1) throw new Error(`unclosed tag at ${lt}`);
    const tag = s.slice(lt + 1, gt);
    if (tag.startsWith("/")) {
      const open = stack.pop();
      if (!open || open.name !== tag.slice(1).trim()) throw new Error(`</${tag.slice(1)}> closes <${open?.name}> at ${lt}`);
      if (stack.length === 0) root = open;
    } else {
      const selfClosing = tag.endsWith("/");
      const body = selfClosing ? tag.slice(0, -1) : tag;
      const name = NAME.exec(body)?.[0];
      if (!name) throw new Error(`bad tag name at ${lt}`);
      const attrs: Record<string, string> = {};
      let rest = body.slice(name.length);
      while (rest.trim() !== "") {
        const m = /^\s+([A-Za-z_:][\w.:-]*)="([^"]*)"|^\s+([A-Za-z_:][\w.:-]*)='([^']*)'/.exec(rest);
        if (!m) throw new Error(`bad attribute syntax in <${name}> at ${lt}: ${rest.slice(0, 30)}`);
        const key = m[1] ?? m[3]!;
        if (key in attrs) throw new Error(`duplicate attribute ${key} in <${name}>`);
        attrs[key] = decode(m[2] ?? m[4]!, lt);
        rest = rest.slice(m[0].length);
      }
      const el: XmlElement = { name, attrs, children: [], text: "" };
      if (stack.length > 0) stack.at(-1)!.children.push(el);
      else if (root) throw new Error("a second root element");
      if (selfClosing) {
        if (stack.length === 0) root = el;
      } else stack.push(el);
    }
    i = gt + 1;
  }
  if (stack.length > 0) throw new Error(`<${stack.at(-1)!.name}> never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

export function findAll(el: XmlElement, name: string): XmlElement[] {
  return [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => findAll(c, name))];
}
