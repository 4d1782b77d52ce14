import type { DisplayState } from "@/core/function-state";
import { t, type Lang } from "@/lib/i18n";
import { StateIcon } from "./state-icon";

/** A state as colour, shape and words together. */
export function StateChip({ state, lang, large = false }: { state: DisplayState; lang: Lang; large?: boolean }) {
  return (
    <span className={`chip chip-${state}${large ? " chip-large" : ""}`} title={t(lang).stateHelp[state]}>
      <StateIcon state={state} />
      <span>{t(lang).states[state]}</span>
    </span>
  );
}
