import pino from "pino";
import { env } from "./env";

const root = pino({ level: env.LOG_LEVEL, base: { pid: process.pid }, timestamp: pino.stdTimeFunctions.isoTime });

/** Structured JSON lines, one child logger per module (docs/architecture.md, Code conventions). */
export function logger(module: string): pino.Logger {
  return root.child({ module });
}
export type Logger = pino.Logger;
