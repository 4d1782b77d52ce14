import { formatDurationCompact as formatDuration } from "@/core/duration";
import { applyFaultPatch, okFaultTable, type FaultTable } from "./faults";
import { stepPatch, type Scenario } from "./scenario-schema";

/** Where a scenario is at a simulated offset. stepIndex is -1 before the first step. */
export type ScenarioPosition = { loopIndex: number; stepIndex: number; offsetInLoopMs: number };

export function positionAt(scenario: Scenario, offsetMs: number): ScenarioPosition {
  const offset = Math.max(0, offsetMs);
  const loopLength = scenario.loop ? scenario.duration : undefined;
  const loopIndex = loopLength ? Math.floor(offset / loopLength) : 0;
  const offsetInLoopMs = loopLength ? offset - loopIndex * loopLength : offset;
  let stepIndex = -1;
  scenario.steps.forEach((step, i) => {
    if (step.at <= offsetInLoopMs) stepIndex = i;
  });
  return { loopIndex, stepIndex, offsetInLoopMs };
}

/** Steps are cumulative: the table at step i is every step up to i applied, in order, to an all-ok table. */
export function tableAtStep(scenario: Scenario, stepIndex: number): FaultTable {
  return scenario.steps.slice(0, stepIndex + 1).reduce((table, step) => applyFaultPatch(table, stepPatch(step)), okFaultTable());
}

export function tableAt(scenario: Scenario, offsetMs: number): FaultTable {
  return tableAtStep(scenario, positionAt(scenario, offsetMs).stepIndex);
}

/** The simulated offset at which the table next changes, or null when it never will. */
export function nextChangeAt(scenario: Scenario, offsetMs: number): number | null {
  const { loopIndex, offsetInLoopMs } = positionAt(scenario, offsetMs);
  const loopStart = offsetMs - offsetInLoopMs;
  const next = scenario.steps.find((step) => step.at > offsetInLoopMs);
  if (next) return loopStart + next.at;
  return scenario.loop && scenario.duration ? (loopIndex + 1) * scenario.duration : null;
}

export type ScenarioStatus = {
  name: string;
  description: string;
  speed: number;
  loop: boolean;
  startedAt: string;
  /** Simulated time since the start, e.g. "14h 2m". */
  elapsed: string;
  offsetMs: number;
  loopIndex: number;
  stepIndex: number;
  note: string | null;
  /** start + offset, when the scenario names a start instant. */
  simulatedAt: string | null;
};

export type ScenarioRunner = {
  /** Re-reads the clock and applies the table if the step changed. Cheap; called on every request too. */
  tick(): ScenarioStatus;
  status(): ScenarioStatus;
  stop(): void;
};

export type ScenarioRunnerOptions = {
  scenario: Scenario;
  /** Simulated seconds per real second. */
  speed: number;
  clock: () => number;
  apply: (table: FaultTable, status: ScenarioStatus) => void;
};

// Timers are only a nudge: the clock is the truth, so an injected or jumping clock resyncs within this bound.
const MAX_TIMER_MS = 1_000;

export function startScenarioRunner({ scenario, speed, clock, apply }: ScenarioRunnerOptions): ScenarioRunner {
  const startedAt = clock();
  let applied: string | null = null;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const offsetNow = () => Math.max(0, clock() - startedAt) * speed;

  function status(): ScenarioStatus {
    const offsetMs = offsetNow();
    const position = positionAt(scenario, offsetMs);
    const start = scenario.start ? Date.parse(scenario.start) : null;
    return {
      name: scenario.name,
      description: scenario.description,
      speed,
      loop: scenario.loop,
      startedAt: new Date(startedAt).toISOString(),
      elapsed: formatDuration(offsetMs),
      offsetMs: Math.floor(offsetMs),
      loopIndex: position.loopIndex,
      stepIndex: position.stepIndex,
      note: scenario.steps[position.stepIndex]?.note ?? null,
      simulatedAt: start === null ? null : new Date(start + offsetMs).toISOString(),
    };
  }

  function tick(): ScenarioStatus {
    const current = status();
    const key = `${current.loopIndex}:${current.stepIndex}`;
    // Only step changes are applied, so a manual admin override lasts until the next step.
    if (!stopped && key !== applied) {
      applied = key;
      apply(tableAtStep(scenario, current.stepIndex), current);
    }
    return current;
  }

  function schedule() {
    if (stopped) return;
    const offset = offsetNow();
    const next = nextChangeAt(scenario, offset);
    if (next === null) return;
    const delay = Math.min(MAX_TIMER_MS, Math.ceil((next - offset) / speed));
    timer = setTimeout(
      () => {
        tick();
        schedule();
      },
      Math.max(1, delay),
    );
    timer.unref();
  }

  tick();
  schedule();

  return {
    tick,
    status,
    stop() {
      stopped = true;
      clearTimeout(timer);
    },
  };
}
