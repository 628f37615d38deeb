// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Scopes;

/// <summary>
/// Where a rule applies: the <c>match</c> and <c>exclude</c> clauses of a rule (and of a binding).
/// An empty list matches everything; names and namespaces are globs (<c>*</c>, <c>?</c>).
/// </summary>
public sealed record RuleScope
{
    public static readonly RuleScope Everything = new();

    // The label selectors, parsed when first matched rather than looked up on every call.
    private readonly ParsedSelectors _parsed = new();

    public IReadOnlyList<string> Kinds { get; init; } = [];

    public IReadOnlyList<string> Namespaces { get; init; } = [];

    public IReadOnlyList<string> Names { get; init; } = [];

    /// <summary>A Kubernetes label selector (<c>app=web,tier in (a,b),!legacy</c>), or null.</summary>
    public string? Labels { get; init; }

    /// <summary>Admission operations (CREATE, UPDATE, DELETE, CONNECT).</summary>
    public IReadOnlyList<string> Operations { get; init; } = [];

    public IReadOnlyList<string> ExcludeKinds { get; init; } = [];

    public IReadOnlyList<string> ExcludeNamespaces { get; init; } = [];

    public IReadOnlyList<string> ExcludeNames { get; init; } = [];

    public string? ExcludeLabels { get; init; }

    public IReadOnlyList<string> ExcludeOperations { get; init; } = [];

    /// <summary>True when the scope says nothing (the common case: no checks needed).</summary>
    public bool IsEverything =>
        Kinds.Count == 0 && Namespaces.Count == 0 && Names.Count == 0 && Labels is null && Operations.Count == 0
        && ExcludeKinds.Count == 0 && ExcludeNamespaces.Count == 0 && ExcludeNames.Count == 0 && ExcludeLabels is null && ExcludeOperations.Count == 0;

    /// <summary>Decides whether an object (and, for admission, an operation) is in scope.</summary>
    public bool Matches(string? kind, string? @namespace, string? name, IDictionary<string, string>? labels, string? operation)
    {
        if (IsEverything)
        {
            return true;
        }

        return Included(Kinds, kind, exact: true)
            && Included(Namespaces, @namespace, exact: false)
            && Included(Names, name, exact: false)
            && Included(Operations, operation, exact: true)
            && (Labels is null || _parsed.Include(Labels).Matches(labels))
            && !Excluded(ExcludeKinds, kind, exact: true)
            && !Excluded(ExcludeNamespaces, @namespace, exact: false)
            && !Excluded(ExcludeNames, name, exact: false)
            && !Excluded(ExcludeOperations, operation, exact: true)
            && (ExcludeLabels is null || !_parsed.Exclude(ExcludeLabels).Matches(labels));
    }

    /// <summary>Combines two scopes: an object must be in both (a binding narrows a rule).</summary>
    public RuleScope Narrow(RuleScope other) => new()
    {
        Kinds = Intersect(Kinds, other.Kinds),
        Namespaces = other.Namespaces.Count > 0 ? other.Namespaces : Namespaces,
        Names = other.Names.Count > 0 ? other.Names : Names,
        Labels = Join(Labels, other.Labels),
        Operations = Intersect(Operations, other.Operations),
        ExcludeKinds = [.. ExcludeKinds, .. other.ExcludeKinds],
        ExcludeNamespaces = [.. ExcludeNamespaces, .. other.ExcludeNamespaces],
        ExcludeNames = [.. ExcludeNames, .. other.ExcludeNames],
        ExcludeLabels = ExcludeLabels ?? other.ExcludeLabels,
        ExcludeOperations = [.. ExcludeOperations, .. other.ExcludeOperations],
    };

    private static IReadOnlyList<string> Intersect(IReadOnlyList<string> a, IReadOnlyList<string> b) =>
        a.Count == 0 ? b : b.Count == 0 ? a : a.Intersect(b, StringComparer.Ordinal).ToArray();

    private static string? Join(string? a, string? b) => a is null ? b : b is null ? a : a + "," + b;

    private static bool Included(IReadOnlyList<string> patterns, string? value, bool exact) =>
        patterns.Count == 0 || (value is not null && AnyMatch(patterns, value, exact));

    private static bool Excluded(IReadOnlyList<string> patterns, string? value, bool exact) =>
        patterns.Count > 0 && value is not null && AnyMatch(patterns, value, exact);

    private static bool AnyMatch(IReadOnlyList<string> patterns, string value, bool exact)
    {
        foreach (var pattern in patterns)
        {
            if (exact ? string.Equals(pattern, value, StringComparison.Ordinal) || pattern == "*" : SimpleGlob.IsMatch(pattern, value))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A scope's parsed selectors. Each is kept with its text, since a <c>with</c> copy shares this holder but may
    /// change the text; a malformed selector is not kept, so it throws on every match as before. It takes no part in
    /// the scope's equality (two scopes with the same clauses are equal, parsed or not).
    /// </summary>
    private sealed class ParsedSelectors
    {
        private Parsed? _include;
        private Parsed? _exclude;

        public LabelSelector Include(string text) => Get(ref _include, text);

        public LabelSelector Exclude(string text) => Get(ref _exclude, text);

        public override bool Equals(object? obj) => obj is ParsedSelectors;

        public override int GetHashCode() => 0;

        private static LabelSelector Get(ref Parsed? slot, string text)
        {
            // One reference read: a scope is matched from several threads at once.
            var parsed = Volatile.Read(ref slot);
            if (parsed is not null && ReferenceEquals(parsed.Text, text))
            {
                return parsed.Selector;
            }

            var selector = LabelSelector.Parse(text);
            Volatile.Write(ref slot, new Parsed(text, selector));
            return selector;
        }

        private sealed record Parsed(string Text, LabelSelector Selector);
    }
}
