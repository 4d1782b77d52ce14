import { describe, expect, it } from "vitest";
import { flashKind } from "@/components/flash";

/** What an action's result looks like: a late maintenance notice is recorded but excuses nothing, so it warns. */
describe("flash kinds", () => {
  it.each([
    { name: "maintenance announced in time is a success", notice: "maintenance_announced", error: undefined, kind: "ok" },
    { name: "maintenance announced too late is a warning", notice: "maintenance_announced_late", error: undefined, kind: "warn" },
    { name: "an error is an error", notice: undefined, error: "in_the_past", kind: "error" },
    { name: "an error wins over a notice", notice: "maintenance_announced", error: "forbidden", kind: "error" },
  ])("$name", ({ notice, error, kind }) => expect(flashKind(notice, error)).toBe(kind));
});
