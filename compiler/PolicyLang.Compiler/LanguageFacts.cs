// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Compiler;

/// <summary>
/// The fixed vocabularies of the language, as the parser and binder know them: keywords, subject kinds,
/// annotations, scopes, admission operations, severities, fixture and expectation kinds. Editors read them here
/// (completion, hover) so that there is one list of each.
/// </summary>
public static class LanguageFacts
{
    /// <summary>Every keyword, hard and soft, in the lexer's order.</summary>
    public static IReadOnlyList<string> Keywords => TokenKinds.KeywordTexts;

    /// <summary>The subject kinds a rule can be <c>on</c>.</summary>
    public static IReadOnlyList<string> Subjects => Binder.SubjectNames;

    /// <summary>The annotations a rule takes (without the <c>@</c>).</summary>
    public static IReadOnlyList<string> RuleAnnotations => Binder.AnnotationNames;

    /// <summary>The scopes of <c>match</c> and <c>exclude</c> clauses.</summary>
    public static IReadOnlyList<string> Scopes => Binder.ScopeNames;

    /// <summary>The admission operations <c>match operations</c> accepts.</summary>
    public static IReadOnlyList<string> AdmissionOperations => Binder.Operations;

    /// <summary>The severities <c>@severity</c> accepts, lowest first.</summary>
    public static IReadOnlyList<string> Severities { get; } = Enum.GetNames<Severity>().Select(n => n.ToLowerInvariant()).ToArray();

    /// <summary>The subject kinds a test's <c>given</c> accepts.</summary>
    public static IReadOnlyList<string> FixtureSubjects => Binder.FixtureSubjects;

    /// <summary>What a test can <c>expect</c>.</summary>
    public static IReadOnlyList<string> ExpectationKinds => Binder.ExpectKinds;

    /// <summary>Functions the language itself provides beside the built-in catalogue (<c>exists</c>, <c>inventory</c>, <c>workloads</c>).</summary>
    public static IReadOnlyList<string> IntrinsicFunctions => Binder.IntrinsicNames;
}
