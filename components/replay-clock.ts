/**
 * The replay's clock, one per tab: a replay (`?at=…&speed=…`) runs from the instant in the address at
 * the speed given. Each auto-refresh moves the address to the instant reached; an address this clock
 * produced keeps the clock running (it does not restart at each step, which would lose the time each
 * step takes to render × the speed), while any other address starts it anew.
 */
type Clock = { at0: number; anchor: number; speed: number; produced: Set<string> };
let clock: Clock | null = null;

/** The replayed instant now (ms), for the replay the page shows. */
export function replayInstant(replay: { at: string; speed: number }): number {
  if (!clock || clock.speed !== replay.speed || !clock.produced.has(replay.at)) {
    clock = { at0: Date.parse(replay.at), anchor: Date.now(), speed: replay.speed, produced: new Set([replay.at]) };
  }
  return clock.at0 + (Date.now() - clock.anchor) * clock.speed;
}

/** Notes an address's instant as this clock's own (the next page shows it; the clock runs on). */
export function replayStep(replay: { at: string; speed: number }): string {
  const at = new Date(replayInstant(replay)).toISOString();
  clock!.produced.add(at);
  if (clock!.produced.size > 1_000) clock!.produced = new Set([at]);
  return at;
}
