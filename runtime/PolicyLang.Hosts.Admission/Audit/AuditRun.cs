// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>What one audit did: its results and the reports it wrote, left unchanged, or could not write.</summary>
public sealed record AuditRun(AuditResult Result, int RuleCount, int Written, int Unchanged, IReadOnlyList<string> WriteFailures);
