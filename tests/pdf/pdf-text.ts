import { inflateSync } from "node:zlib";

/**
 * A small PDF text extractor for tests, so the PDF check needs no poppler: it
 * reads the objects, inflates the streams, maps glyph codes to text with each
 * font's ToUnicode CMap, and walks each page's content (and its form XObjects)
 * for Tj/TJ. Enough for what Chromium's Skia writes; not a general PDF reader.
 */
type Obj = { dict: string; stream: Buffer | null };

function parseObjects(pdf: Buffer): Map<number, Obj> {
  const text = pdf.toString("latin1");
  const objects = new Map<number, Obj>();
  const re = /(\d+) 0 obj\s*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const streamAt = text.indexOf("stream", start);
    const endobjAt = text.indexOf("endobj", start);
    if (streamAt !== -1 && streamAt < endobjAt) {
      const dict = text.slice(start, streamAt);
      let dataStart = streamAt + "stream".length;
      if (text[dataStart] === "\r") dataStart++;
      if (text[dataStart] === "\n") dataStart++;
      const len = /\/Length (\d+)(?!\s+\d+\s+R)/.exec(dict);
      const dataEnd = len ? dataStart + Number(len[1]) : text.indexOf("endstream", dataStart);
      let data = pdf.subarray(dataStart, dataEnd);
      if (/\/FlateDecode/.test(dict)) data = inflateSync(data);
      objects.set(num, { dict, stream: data });
      re.lastIndex = text.indexOf("endobj", dataEnd) + 6;
    } else {
      objects.set(num, { dict: text.slice(start, endobjAt), stream: null });
      re.lastIndex = endobjAt + 6;
    }
  }
  return objects;
}

type CMap = { bytes: number; map: Map<number, string> };

function hexToString(hex: string): string {
  let s = "";
  for (let i = 0; i + 4 <= hex.length; i += 4) s += String.fromCharCode(parseInt(hex.slice(i, i + 4), 16));
  return s;
}

function parseCMap(src: string): CMap {
  const map = new Map<number, string>();
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(src);
  const bytes = space ? space[1]!.length / 2 : 2;
  for (const block of src.matchAll(/beginbfchar([\s\S]*?)endbfchar/g)) {
    for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g)) map.set(parseInt(p[1]!, 16), hexToString(p[2]!));
  }
  for (const block of src.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
    for (const p of block[1]!.matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]+>|\[[^\]]*\])/g)) {
      const lo = parseInt(p[1]!, 16);
      const hi = parseInt(p[2]!, 16);
      if (p[3]!.startsWith("[")) {
        const items = [...p[3]!.matchAll(/<([0-9A-Fa-f]+)>/g)].map((x) => hexToString(x[1]!));
        for (let c = lo; c <= hi; c++) map.set(c, items[c - lo] ?? "");
      } else {
        const base = hexToString(p[3]!.slice(1, -1));
        for (let c = lo; c <= hi; c++) map.set(c, base.slice(0, -1) + String.fromCharCode(base.charCodeAt(base.length - 1) + (c - lo)));
      }
    }
  }
  return { bytes, map };
}

/** name → object number in a resource sub-dictionary such as /Font <</F5 5 0 R ...>>. */
function resourceRefs(dict: string, kind: "Font" | "XObject"): Map<string, number> {
  const out = new Map<string, number>();
  const m = new RegExp(`/${kind}\\s*<<([^>]*)>>`).exec(dict);
  if (m) for (const r of m[1]!.matchAll(/\/(\S+?)\s+(\d+) 0 R/g)) out.set(r[1]!, Number(r[2]));
  return out;
}

function decodeLiteral(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (ch !== "\\") {
      out.push(ch.charCodeAt(0));
      continue;
    }
    const n = s[++i]!;
    if (/[0-7]/.test(n)) {
      let oct = n;
      while (oct.length < 3 && /[0-7]/.test(s[i + 1] ?? "")) oct += s[++i];
      out.push(parseInt(oct, 8));
    } else out.push({ n: 10, r: 13, t: 9, b: 8, f: 12 }[n] ?? n.charCodeAt(0));
  }
  return out;
}

function showText(bytes: number[], cmap: CMap | undefined): string {
  if (!cmap) return String.fromCharCode(...bytes);
  let s = "";
  for (let i = 0; i + cmap.bytes <= bytes.length; i += cmap.bytes) {
    let code = 0;
    for (let k = 0; k < cmap.bytes; k++) code = code * 256 + bytes[i + k]!;
    s += cmap.map.get(code) ?? "";
  }
  return s;
}

/** The text of every page, in page order; text objects (BT … ET) are separated by newlines. */
export function pdfPageTexts(pdf: Buffer): string[] {
  const objects = parseObjects(pdf);
  const cmaps = new Map<number, CMap | undefined>();
  const fontCMap = (fontNum: number) => {
    if (!cmaps.has(fontNum)) {
      const ref = /\/ToUnicode (\d+) 0 R/.exec(objects.get(fontNum)?.dict ?? "");
      const stream = ref ? objects.get(Number(ref[1]))?.stream : null;
      cmaps.set(fontNum, stream ? parseCMap(stream.toString("latin1")) : undefined);
    }
    return cmaps.get(fontNum);
  };

  const walk = (content: string, resources: string, depth: number): string => {
    const fonts = resourceRefs(resources, "Font");
    const xobjects = resourceRefs(resources, "XObject");
    let font: CMap | undefined;
    let out = "";
    const tokens = content.match(/<[0-9A-Fa-f\s]*>|\((?:\\.|[^\\)])*\)|\[|\]|\/[^\s/[\]<>()]+|[^\s/[\]<>()]+/g) ?? [];
    const stack: string[] = [];
    let array: string[] | null = null;
    for (const tok of tokens) {
      if (tok === "[") {
        array = [];
        continue;
      }
      if (tok === "]") {
        stack.push(`ARRAY:${JSON.stringify(array ?? [])}`);
        array = null;
        continue;
      }
      if (array) {
        array.push(tok);
        continue;
      }
      const str = (t: string) =>
        t.startsWith("<") ? (t.slice(1, -1).replace(/\s/g, "").match(/../g) ?? []).map((h) => parseInt(h, 16)) : decodeLiteral(t.slice(1, -1));
      switch (tok) {
        case "Tf": {
          const name = stack[stack.length - 2]?.slice(1) ?? "";
          const num = fonts.get(name);
          font = num === undefined ? undefined : fontCMap(num);
          break;
        }
        case "Tj":
        case "'":
        case '"':
          out += showText(str(stack[stack.length - 1] ?? "()"), font);
          break;
        case "TJ": {
          const items = JSON.parse((stack[stack.length - 1] ?? "ARRAY:[]").slice(6)) as string[];
          for (const it of items) {
            if (it.startsWith("<") || it.startsWith("(")) out += showText(str(it), font);
            else if (Number(it) < -250) out += " ";
          }
          break;
        }
        case "BT":
        case "ET":
          out += "\n";
          break;
        case "Do": {
          const num = xobjects.get(stack[stack.length - 1]?.slice(1) ?? "");
          const form = num === undefined ? undefined : objects.get(num);
          if (form?.stream && depth < 8 && /\/Subtype\s*\/Form/.test(form.dict)) out += walk(form.stream.toString("latin1"), form.dict, depth + 1);
          break;
        }
      }
      if (/^[A-Za-z'"*]+$/.test(tok)) stack.length = 0;
      else stack.push(tok);
    }
    return out;
  };

  const pagesRoot = [...objects.values()].find((o) => /\/Type\s*\/Pages\b/.test(o.dict) && /\/Kids/.test(o.dict) && !/\/Parent/.test(o.dict));
  const pageNums: number[] = [];
  const collect = (num: number) => {
    const o = objects.get(num);
    if (!o) return;
    if (/\/Type\s*\/Pages\b/.test(o.dict)) for (const k of /\/Kids\s*\[([^\]]*)\]/.exec(o.dict)?.[1]?.matchAll(/(\d+) 0 R/g) ?? []) collect(Number(k[1]));
    else pageNums.push(num);
  };
  if (pagesRoot) for (const k of /\/Kids\s*\[([^\]]*)\]/.exec(pagesRoot.dict)?.[1]?.matchAll(/(\d+) 0 R/g) ?? []) collect(Number(k[1]));

  return pageNums.map((num) => {
    const page = objects.get(num)!;
    const refs = /\/Contents\s*(\[[^\]]*\]|\d+ 0 R)/.exec(page.dict)?.[1] ?? "";
    const contents = [...refs.matchAll(/(\d+) 0 R/g)].map((r) => objects.get(Number(r[1]))?.stream?.toString("latin1") ?? "").join("\n");
    return walk(contents, page.dict, 0);
  });
}
