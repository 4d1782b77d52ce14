import { test } from "@playwright/test";
import { firstReadAfterQuietSpell } from "./freshness-scenario";

test("after 40 s without readers, the first read of every surface shows an outage confirmed meanwhile, built at most 15 s ago", async ({
  page,
  request,
  baseURL,
}) => {
  test.setTimeout(240_000);
  await firstReadAfterQuietSpell(page, request, request, baseURL!);
});
