// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { parseEvalOutput } from "../../src/features/evaluate/evalOutput";
import { diagnosticsByFile, formatEvalReport, formatFinding, formatSummary, severityOf } from "../../src/features/evaluate/findingReport";
import { extensionRoot } from "../helpers/paths";

const sample = readFileSync(join(extensionRoot, "test", "fixtures", "eval-output.json"), "utf8");
const sampleObject = JSON.parse(sample) as unknown;

describe("reading `policylang eval -o json` answers", () => {
  it("reads every documented field", () => {
    const output = parseEvalOutput(sampleObject);
    assert.equal(output.summary.passed, false);
    assert.equal(output.summary.deny, 2);
    assert.equal(output.summary.inputErrors, 1);
    assert.equal(output.results.length, 3);
    const first = output.results[0];
    assert.deepEqual(first?.subject, {
      kind: "manifest",
      file: "deploy/web.yaml",
      document: 0,
      line: 1,
      apiVersion: "apps/v1",
      objectKind: "Deployment",
      namespace: "shop",
      name: "web",
    });
    assert.deepEqual(first?.findings[0], {
      policy: "kubernetes.pod_security.restricted",
      rule: "allow_privilege_escalation",
      id: "PSS-R-002",
      severity: "high",
      action: "deny",
      message: "container web must set allowPrivilegeEscalation: false",
      path: "/spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation",
      location: { file: "deploy/web.yaml", line: 21, column: 11 },
    });
    assert.equal(first?.findings[1]?.skipped, "exempted by its owner");
    assert.equal(output.results[1]?.errors[0]?.message, "spec.replicas is a string, expected an integer");
    assert.equal(output.errors[0]?.location?.file, "bad.yaml");
    assert.equal(output.notices.length, 1);
  });

  it("reads the answer when the server passes the CLI's JSON text through", () => {
    assert.deepEqual(parseEvalOutput(sample), parseEvalOutput(sampleObject));
  });

  it("reads a minimal answer (no results, no errors, no notices)", () => {
    const output = parseEvalOutput({ summary: { passed: true } });
    assert.equal(output.summary.subjects, 0);
    assert.deepEqual(output.results, []);
  });

  it("names the malformed place", () => {
    const broken = JSON.parse(sample) as { results: { findings: { location: { line: unknown } }[] }[] };
    const finding = broken.results[0]?.findings[0];
    assert.ok(finding !== undefined);
    finding.location.line = "21";
    assert.throws(() => parseEvalOutput(broken), { message: "results[0].findings[0].location.line is a string, expected a number" });
    assert.throws(() => parseEvalOutput({ results: [] }), { message: "summary is missing (expected an object)" });
    assert.throws(() => parseEvalOutput("not json"), /the answer is a string that is not JSON/);
    assert.throws(() => parseEvalOutput({ summary: {} }), { message: "summary.passed is missing (expected a boolean)" });
    assert.throws(() => parseEvalOutput(null), { message: "the answer is null, expected an object" });
    assert.throws(() => parseEvalOutput({ summary: { passed: true }, results: {} }), { message: "results is an object, expected an array" });
  });
});

describe("the evaluation report", () => {
  const output = parseEvalOutput(sampleObject);

  it("formats a finding with its place, action, severity, id, message and path", () => {
    assert.equal(
      formatFinding(output.results[0]?.findings[0] ?? assert.fail()),
      "deploy/web.yaml:21:11: deny high PSS-R-002: container web must set allowPrivilegeEscalation: false (at /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation)",
    );
  });

  it("names a rule without id by policy.rule and shows why a finding was skipped", () => {
    assert.equal(
      formatFinding(output.results[0]?.findings[1] ?? assert.fail()),
      "deploy/web.yaml:30:18: warn medium examples.workloads.no_latest_tag: container sidecar uses the mutable tag latest (at /spec/template/spec/containers/1/image) — skipped: exempted by its owner",
    );
  });

  it("reports subject by subject, then input errors, notices and the summary", () => {
    assert.deepEqual(formatEvalReport(output, "/p/a.policy", "/in/web.yaml"), [
      "Evaluated /p/a.policy against /in/web.yaml",
      "",
      "manifest Deployment shop/web (deploy/web.yaml:1)",
      "  deploy/web.yaml:21:11: deny high PSS-R-002: container web must set allowPrivilegeEscalation: false (at /spec/template/spec/containers/0/securityContext/allowPrivilegeEscalation)",
      "  deploy/web.yaml:30:18: warn medium examples.workloads.no_latest_tag: container sidecar uses the mutable tag latest (at /spec/template/spec/containers/1/image) — skipped: exempted by its owner",
      "  deny low EX-W-004: container web has no memory limit (at /spec/template/spec/containers/0/resources)",
      "",
      "manifest Pod p (/abs/other.yaml:40, document 2)",
      "  /abs/other.yaml:41:3: error examples.workloads.broken: division by zero",
      "  /abs/other.yaml:44:13: error: spec.replicas is a string, expected an integer",
      "",
      "image",
      "  audit images.no_root: runs as root",
      "",
      "Input errors:",
      "  bad.yaml:3:5: error: malformed YAML: mapping values are not allowed here",
      "",
      "Notices:",
      "  notes.yaml:1:1: notice: skipped: no apiVersion/kind: not a Kubernetes object",
      "",
      "FAILED: 3 subjects, 5 findings (2 deny, 1 warn, 0 audit, 0 alert, 0 mutate, 1 error, 1 skipped), 1 input error",
    ]);
  });

  it("says when a subject has no findings, and when the run passed", () => {
    const passing = parseEvalOutput({ summary: { subjects: 1, passed: true }, results: [{ subject: { kind: "host" }, findings: [] }] });
    const report = formatEvalReport(passing, "p", "i");
    assert.deepEqual(report.slice(2), ["host", "  no findings", "", "PASSED: 1 subject, 0 findings (0 deny, 0 warn, 0 audit, 0 alert, 0 mutate, 0 error, 0 skipped)"]);
    assert.match(formatSummary(passing), /^PASSED/);
  });
});

describe("findings as diagnostics", () => {
  const output = parseEvalOutput(sampleObject);
  const byFile = diagnosticsByFile(output, "/in");

  it("maps actions to severities: deny and errors are errors, warn and alert warnings, skipped hints", () => {
    const finding = { policy: "p", rule: "r", message: "m" };
    assert.equal(severityOf({ ...finding, action: "deny" }), "error");
    assert.equal(severityOf({ ...finding, action: "error" }), "error");
    assert.equal(severityOf({ ...finding, action: "warn" }), "warning");
    assert.equal(severityOf({ ...finding, action: "alert" }), "warning");
    assert.equal(severityOf({ ...finding, action: "audit" }), "information");
    assert.equal(severityOf({ ...finding, action: "mutate" }), "information");
    assert.equal(severityOf({ ...finding, action: "deny", skipped: "why" }), "hint");
  });

  it("puts each finding at its 0-based place in its file, relative files resolved against the input's folder", () => {
    assert.deepEqual([...byFile.keys()].sort(), ["/abs/other.yaml", "/in/bad.yaml", "/in/deploy/web.yaml"]);
    assert.deepEqual(byFile.get("/in/deploy/web.yaml"), [
      { line: 20, character: 10, severity: "error", message: "container web must set allowPrivilegeEscalation: false", code: "PSS-R-002", unnecessary: false },
      {
        line: 29,
        character: 17,
        severity: "hint",
        message: "container sidecar uses the mutable tag latest (skipped: exempted by its owner)",
        code: "examples.workloads.no_latest_tag",
        unnecessary: true,
      },
      // No location: the subject's first line.
      { line: 0, character: 0, severity: "error", message: "container web has no memory limit", code: "EX-W-004", unnecessary: false },
    ]);
  });

  it("shows rule failures and unreadable fields as errors, and leaves findings without any place to the report", () => {
    assert.deepEqual(byFile.get("/abs/other.yaml"), [
      { line: 40, character: 2, severity: "error", message: "division by zero", code: "examples.workloads.broken", unnecessary: false },
      { line: 43, character: 12, severity: "error", message: "spec.replicas is a string, expected an integer", code: "input", unnecessary: false },
    ]);
    assert.equal(byFile.get("/in/bad.yaml")?.[0]?.message, "malformed YAML: mapping values are not allowed here");
    const total = [...byFile.values()].reduce((n, list) => n + list.length, 0);
    assert.equal(total, 6, "the image finding has no place and no diagnostic");
  });
});
