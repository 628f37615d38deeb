// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Bundles.Loading;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Bundles.Exceptions;

/// <summary>
/// The exceptions of a run, checked against the loaded rules and the clock: expired exceptions no longer apply,
/// and they, like exceptions naming rules that no loaded policy has, are reported as warnings with their place.
/// </summary>
public sealed class PolicyExceptions
{
    public static readonly PolicyExceptions None = new([], []);

    private PolicyExceptions(IReadOnlyList<PolicyException> active, IReadOnlyList<ExceptionWarning> warnings)
    {
        Active = active;
        Warnings = warnings;
    }

    /// <summary>The exceptions that apply (not expired).</summary>
    public IReadOnlyList<PolicyException> Active { get; }

    /// <summary>Expired exceptions and unknown rule names.</summary>
    public IReadOnlyList<ExceptionWarning> Warnings { get; }

    /// <summary>Prepares exceptions for a run over <paramref name="rules"/> (all loaded rules, not only those selected) at <paramref name="now"/>.</summary>
    public static PolicyExceptions Prepare(IReadOnlyList<PolicyException> exceptions, IReadOnlyList<RuleDescriptor> rules, DateTimeOffset now)
    {
        var active = new List<PolicyException>();
        var warnings = new List<ExceptionWarning>();
        var candidates = RuleReference.Candidates(rules).ToArray();
        foreach (var exception in exceptions)
        {
            for (var i = 0; i < exception.Rules.Count; i++)
            {
                var reference = exception.Rules[i];
                if (!rules.Any(r => RuleReference.Matches(reference, r)))
                {
                    var at = i < exception.RuleLocations.Count ? exception.RuleLocations[i] ?? exception.Location : exception.Location;
                    warnings.Add(new ExceptionWarning($"the exception names the rule '{reference}', which no loaded policy has{BundleLoader.Suggest(reference, candidates)}", at));
                }
            }

            if (exception.IsExpired(now))
            {
                warnings.Add(new ExceptionWarning($"the exception for {string.Join(", ", exception.Rules)} expired on {exception.ExpiresText} and no longer applies (reason was: {exception.Reason})", exception.Location));
                continue;
            }

            active.Add(exception);
        }

        return new PolicyExceptions(active, warnings);
    }

    /// <summary>The first active exception that covers a finding of rule (<paramref name="id"/>, <paramref name="policy"/>, <paramref name="rule"/>) on an object, or null.</summary>
    public PolicyException? Find(string id, string policy, string rule, string? kind, string? @namespace, string? name, IDictionary<string, string>? labels)
    {
        foreach (var exception in Active)
        {
            if (exception.Covers(id, policy, rule) && exception.Match.Matches(kind, @namespace, name, labels, operation: null))
            {
                return exception;
            }
        }

        return null;
    }
}

/// <summary>A problem with an exception that does not stop the run, at the exception's place.</summary>
public sealed record ExceptionWarning(string Message, SourceLocation Location);
