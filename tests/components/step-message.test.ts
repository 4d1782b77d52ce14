import { describe, expect, it } from "vitest";
import { readableStepMessage } from "@/components/step-message";

/** A skipped cleanup step reads as a sentence in the page's language; the runner's words stay as the raw log. */
describe("flow step messages", () => {
  const raw = "skipped: {{topupId}} has no value (the step that sets it did not succeed)";
  it.each([
    { lang: "ko" as const, sentence: "앞 단계가 값(topupId)을 주지 않아 이 단계를 건너뛰었습니다." },
    { lang: "en" as const, sentence: "Skipped because an earlier step gave no value (topupId)." },
  ])("skipped step, $lang", ({ lang, sentence }) => {
    expect(readableStepMessage(raw, lang)).toEqual({ sentence, raw });
  });
  it("a failing step's message is evidence and stays as recorded", () => {
    expect(readableStepMessage("status 503 not in [200]", "ko")).toEqual({ sentence: null, raw: "status 503 not in [200]" });
  });
});
