import { mkdtempSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "@/lib/config/load-config";

function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ledger-alerts-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

const service = `
services:
  - slug: dongbaekjeon
    name: 동백전
    nameEn: Dongbaekjeon
    operator: 운영사
    operatorEn: Operator
    functions:
      - { key: topup, name: 충전, nameEn: Top-up }
`;

function issues(alerts: string, vars: Record<string, string> = {}) {
  try {
    loadConfig(folder({ "a.yaml": service, "b.yaml": alerts }), vars);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues.map((i) => `${i.path}: ${i.message}`);
    throw err;
  }
  return [];
}

describe("alert configuration", () => {
  it("a full example loads, with secrets from the environment", () => {
    const dir = folder({
      "a.yaml": service,
      "b.yaml": `
alerts:
  smtp: { host: smtp.example.org, port: 587, user: alerts, password: "\${SMTP_PASSWORD}", from: "Uptime Ledger <alerts@example.org>" }
  channels:
    - { key: ops-slack, kind: webhook, url: "\${OPS_SLACK_URL}", format: slack }
    - { key: ops-mail, kind: email, to: [oncall@operator.example] }
    - { key: manager, kind: email, to: [manager@operator.example] }
  policies:
    - key: operator
      services: [dongbaekjeon]
      escalation:
        - channels: [ops-slack, ops-mail]
        - channels: [manager]
      repeatEvery: 10m
`,
    });
    const c = loadConfig(dir, { SMTP_PASSWORD: "from-the-environment", OPS_SLACK_URL: "https://hooks.slack.example/T0/B0/secret" });
    expect(c.alerts.smtp).toMatchObject({ host: "smtp.example.org", port: 587, secure: false, password: "from-the-environment", timeout: 10_000 });
    expect(c.alerts.channels[0]).toMatchObject({ key: "ops-slack", url: "https://hooks.slack.example/T0/B0/secret", format: "slack" });
    expect(c.alerts.policies).toEqual([
      {
        key: "operator",
        services: ["dongbaekjeon"],
        outage: true,
        errorBudget: true,
        peakWarning: true,
        // every event by default, a surge of citizens' reports included
        citizenSurge: true,
        levels: [["ops-slack", "ops-mail"], ["manager"]],
        repeatEveryMs: 600_000,
        maxRepeats: 3,
        objective: null,
      },
    ]);
  });

  it("a configuration without alerts has none", () => {
    expect(loadConfig(folder({ "a.yaml": service })).alerts).toEqual({ smtp: null, channels: [], policies: [], instanceChannels: [] });
  });

  it.each([
    [
      "an unknown channel",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/' }]\n  policies: [{ key: p, escalation: [{ channels: [b] }] }]",
      'alerts.policies[0].escalation[0].channels[0]: no channel "b" (known: a)',
    ],
    [
      "e-mail without an SMTP server",
      "alerts:\n  channels: [{ key: m, kind: email, to: [a@b.example] }]\n  policies: [{ key: p, escalation: [{ channels: [m] }] }]",
      'alerts.policies[0].escalation[0].channels[0]: channel "m" sends e-mail, but alerts.smtp is not configured',
    ],
    [
      "an unknown service",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/' }]\n  policies: [{ key: p, services: [nope], escalation: [{ channels: [a] }] }]",
      'alerts.policies[0].services[0]: no service "nope" (known: dongbaekjeon)',
    ],
    [
      "a channel twice in one escalation",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/' }]\n  policies: [{ key: p, escalation: [{ channels: [a] }, { channels: [a] }] }]",
      'alerts.policies[0].escalation[1].channels[0]: channel "a" appears twice in this policy\'s escalation',
    ],
    [
      "a webhook that is not http(s)",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'ftp://x.example/' }]",
      "alerts.channels[0].url: an http:// or https:// URL",
    ],
    [
      "a short webhook secret",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/', secret: short }]",
      "alerts.channels[0].secret: a webhook secret needs at least 16 characters",
    ],
    [
      "an SMTP user without a password",
      "alerts:\n  smtp: { host: h, user: u, from: a@b.example }",
      "alerts.smtp.password: give both user and password, or neither",
    ],
    ["a bad address", "alerts:\n  channels: [{ key: m, kind: email, to: [not-an-address] }]", "alerts.channels[0].to[0]: an e-mail address"],
    [
      "a repeat shorter than a second",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/' }]\n  policies: [{ key: p, escalation: [{ channels: [a] }], repeatEvery: 500ms }]",
      "alerts.policies[0].repeatEvery: must be between 1s and 86400s",
    ],
    [
      "an objective of 100%",
      "alerts:\n  channels: [{ key: a, kind: webhook, url: 'http://x.example/' }]\n  policies: [{ key: p, escalation: [{ channels: [a] }], objective: 100% }]",
      'alerts.policies[0].objective: an availability between 0 and 100%, e.g. "99.5%"',
    ],
    [
      "a secret variable that is not set",
      "alerts:\n  smtp: { host: h, user: u, password: '${SMTP_PASSWORD}', from: a@b.example }",
      "alerts.smtp.password: unknown variable ${SMTP_PASSWORD}: not set in the environment",
    ],
  ])("%s is reported with its path", (_name, yaml, message) => {
    expect(issues(yaml)).toContain(message);
  });
});

describe("the admins' channels for the instance itself", () => {
  it("name channels that exist; an e-mail channel needs SMTP", () => {
    const withChannels = (instance: string) => `${service}alerts:
  channels:
    - { key: admin-hook, kind: webhook, url: "https://hooks.example.org/a" }
    - { key: admin-mail, kind: email, to: [admin@example.org] }
  instance: ${instance}
`;
    expect(() => loadConfig(folder({ "a.yaml": withChannels("{ channels: [nope] }") }))).toThrow(/alerts\.instance\.channels\[0\]: no channel "nope"/);
    expect(() => loadConfig(folder({ "a.yaml": withChannels("{ channels: [admin-mail] }") }))).toThrow(/sends e-mail, but alerts\.smtp is not configured/);
    expect(loadConfig(folder({ "a.yaml": withChannels("{ channels: [admin-hook, admin-hook] }") })).alerts.instanceChannels).toEqual(["admin-hook"]);
  });
});
