// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler.Tests.Baselines;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Tests.Docs;

/// <summary>
/// <c>docs/subjects.md</c> documents every schema: each field of each subject's schema — and of the PolicyLang types
/// inside them (image config, event process, host files…) — is named in the subject's section. The Kubernetes
/// models (ObjectMeta, PodSpec, Container…) are the Kubernetes API's and documented there.
/// </summary>
public sealed partial class SubjectSchemaDocsTests
{
    private static readonly string Page = File.ReadAllText(Path.Combine(BaselineAssert.SourceDirectory, "..", "..", "docs", "subjects.md"));

    public static TheoryData<string> Subjects() => [.. Enum.GetValues<SubjectKind>().Select(k => k.ToString())];

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Every_field_of_the_subject_is_documented_in_its_section(string subject)
    {
        var kind = Enum.Parse<SubjectKind>(subject);
        var section = Section(kind.ToString().ToLowerInvariant());
        var named = CodeSpans().Matches(section).SelectMany(m => Identifiers().Matches(m.Groups[1].Value)).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);
        var missing = new List<string>();
        var seen = new HashSet<Type>();
        Walk(Schemas.ForSubject(kind), kind.ToString().ToLowerInvariant(), named, missing, seen);
        missing.ShouldBeEmpty($"docs/subjects.md, section '{subject.ToLowerInvariant()}', does not name these fields");
    }

    private static void Walk(ObjectType type, string path, HashSet<string> named, List<string> missing, HashSet<Type> seen)
    {
        if (!seen.Add(type.ClrType) || !IsPolicyLangType(type.ClrType) || (type.ClrType == typeof(ManifestSubject) && seen.Count > 1))
        {
            // A manifest inside another subject (workload.object, admission.object) is documented in its own section.
            return;
        }

        foreach (var field in type.Fields.Values)
        {
            if (!named.Contains(field.Name))
            {
                missing.Add($"{path}.{field.Name}");
            }

            var inner = field.Type switch
            {
                ObjectType o => o,
                ListType { Element: ObjectType o } => o,
                MapType { Value: ObjectType o } => o,
                _ => null,
            };
            if (inner is not null)
            {
                Walk(inner, $"{path}.{field.Name}", named, missing, seen);
            }
        }
    }

    private static bool IsPolicyLangType(Type type) => type.Namespace == typeof(Workload).Namespace;

    /// <summary>The text from the subject's <c>## name</c> heading to the next <c>## </c> heading.</summary>
    private static string Section(string name)
    {
        var start = Page.IndexOf($"\n## {name}\n", StringComparison.Ordinal);
        start.ShouldBeGreaterThanOrEqualTo(0, $"docs/subjects.md has no section '## {name}'");
        var end = Page.IndexOf("\n## ", start + 4, StringComparison.Ordinal);
        return end < 0 ? Page[start..] : Page[start..end];
    }

    /// <summary>Code spans of the page (<c>`config.user`</c>, <c>`history[]`</c>, <c>{`group`, `version`}</c>): field names are written in them.</summary>
    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpans();

    [GeneratedRegex("[A-Za-z][A-Za-z0-9]*")]
    private static partial Regex Identifiers();
}
