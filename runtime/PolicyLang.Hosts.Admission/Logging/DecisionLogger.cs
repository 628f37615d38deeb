// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Logging;

/// <summary>One structured log line per decision (uid, kind, namespace/name, user, decision, rules), at a configured level.</summary>
public sealed partial class DecisionLogger
{
    public const string Category = "PolicyLang.Decisions";

    private readonly ILogger _logger;
    private readonly LogLevel _level;

    public DecisionLogger(ILoggerFactory factory, LogLevel level)
    {
        _logger = factory.CreateLogger(Category);
        _level = level;
    }

    public void Log(string endpoint, AdmissionSubject review, AdmissionDecision decision, TimeSpan duration)
    {
        if (_level == LogLevel.None || !_logger.IsEnabled(_level))
        {
            return;
        }

        LogDecision(
            _logger,
            _level,
            decision.Uid,
            endpoint,
            review.Operation ?? string.Empty,
            review.Kind.Kind ?? string.Empty,
            review.Namespace ?? string.Empty,
            review.Name ?? string.Empty,
            review.UserInfo.Username ?? string.Empty,
            decision.Outcome,
            decision.Allowed,
            review.DryRun == true,
            string.Join(",", decision.Rules),
            Math.Round(duration.TotalMilliseconds, 3));
    }

    [LoggerMessage(EventId = 1, EventName = "Decision", Message = "{Endpoint} {Uid}: {Decision} (allowed: {Allowed}) {Operation} {Kind} {ObjectNamespace}/{ObjectName} by {User} (rules: {Rules}; dry run: {DryRun}; {DurationMs} ms)")]
    private static partial void LogDecision(ILogger logger, LogLevel level, string uid, string endpoint, string operation, string kind, string objectNamespace, string objectName, string user, string decision, bool allowed, bool dryRun, string rules, double durationMs);
}
