import type { Locale } from "@/core/format";
import { messages, type Messages } from "./messages";

export type Lang = Locale;
export type { Messages };

export const LANGS = ["ko", "en"] as const satisfies readonly Lang[];
export const DEFAULT_LANG: Lang = "ko";

export function isLang(value: string): value is Lang {
  return (LANGS as readonly string[]).includes(value);
}

/** The dictionary for a language: `t(lang).states.DOWN`. */
export function t(lang: Lang): Messages {
  return messages[lang];
}

/** The same path in the other language: "/ko/services/x" → "/en/services/x". */
export function switchLangPath(pathname: string, to: Lang): string {
  const rest = pathname.replace(/^\/[^/]+/, "");
  return `/${to}${rest}`;
}

export function otherLang(lang: Lang): Lang {
  return lang === "ko" ? "en" : "ko";
}
