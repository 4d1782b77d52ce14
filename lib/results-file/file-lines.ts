import { createReadStream } from "node:fs";
import { createGunzip } from "node:zlib";

/** The longest line a results file may have: one result is a few hundred bytes. */
export const MAX_LINE_BYTES = 1024 * 1024;

export type FileLine = { n: number; text: string } | { n: number; tooLongBytes: number };

/**
 * The lines of a file (plain or .gz), one at a time, in bounded memory: a line longer than `maxBytes` is
 * not kept but reported by number with its length, and reading goes on after it. (A line-reader that keeps
 * whole lines dies on a 600 MB line with "Invalid string length".)
 */
export async function* fileLines(file: string, maxBytes = MAX_LINE_BYTES): AsyncGenerator<FileLine> {
  let input: NodeJS.ReadableStream = createReadStream(file, { highWaterMark: 256 * 1024 });
  if (file.endsWith(".gz")) input = input.pipe(createGunzip());
  let parts: Buffer[] = [];
  let size = 0;
  let overlong = false;
  let n = 0;
  const finish = (): FileLine => {
    n++;
    const line: FileLine = overlong ? { n, tooLongBytes: size } : { n, text: Buffer.concat(parts, size).toString("utf8").replace(/\r$/, "") };
    parts = [];
    size = 0;
    overlong = false;
    return line;
  };
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    for (;;) {
      const nl = chunk.indexOf(10, from);
      const end = nl === -1 ? chunk.length : nl;
      const piece = end - from;
      if (!overlong && size + piece > maxBytes) {
        overlong = true;
        parts = [];
      }
      if (!overlong && piece > 0) parts.push(chunk.subarray(from, end));
      size += piece;
      if (nl === -1) break;
      yield finish();
      from = nl + 1;
    }
  }
  if (size > 0 || overlong) yield finish();
}
