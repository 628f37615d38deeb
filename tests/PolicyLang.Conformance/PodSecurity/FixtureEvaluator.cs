// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Conformance.PodSecurity;

/// <summary>The verdict on one fixture: whether it matched the folder's verdict, and if not, why.</summary>
internal sealed record FixtureOutcome(string File, string Verdict, string? Problem)
{
    public bool Passed => Problem is null;
}

/// <summary>
/// Evaluates one fixture as upstream's test does: the pod itself, and the same pod as the template of a Deployment.
/// A <c>pass</c> fixture must get no deny; a <c>fail</c> fixture at least one, from a rule that stands for the check
/// the file name names. The Deployment must get the same denies, at the same paths under <c>/spec/template</c>.
/// </summary>
internal static class FixtureEvaluator
{
    private static readonly InputReader Reader = new();

    public static FixtureOutcome Evaluate(PodSecurityLevel level, PolicyEngine engine, string file, string verdict)
    {
        var items = Reader.Read(file).ToArray();
        if (items.FirstOrDefault(i => i.IsError) is { } error)
        {
            return new FixtureOutcome(file, verdict, $"unreadable: {error.Message?.Text}");
        }

        var pods = items.Select(i => i.Manifest).OfType<ManifestSubject>().ToArray();
        if (pods is not [{ Kind: "Pod" } pod])
        {
            return new FixtureOutcome(file, verdict, $"expected one Pod, found {pods.Length} objects");
        }

        var podFindings = engine.EvaluateManifest(pod).Findings;
        var deploymentFindings = engine.EvaluateManifest(AsDeployment(pod)).Findings;
        if (podFindings.Concat(deploymentFindings).FirstOrDefault(f => f.Action == FindingAction.Error) is { } failed)
        {
            return new FixtureOutcome(file, verdict, $"rule error: {failed.Id}: {failed.Message}");
        }

        var denies = Denies(podFindings);
        var problem = verdict == "pass"
            ? denies.Length == 0 ? null : $"denied: {Describe(denies)}"
            : denies.Length == 0 ? "not denied"
            : denies.Any(f => level.ChecksOf(f.Id).Contains(PodSecurityFixtures.CheckOf(file))) ? null
            : $"denied, but by no rule of the check {PodSecurityFixtures.CheckOf(file)}: {Describe(denies)}";
        if (problem is not null)
        {
            return new FixtureOutcome(file, verdict, problem);
        }

        var expected = denies.Select(f => Key(f, "/spec/template" + f.Path)).Order(StringComparer.Ordinal).ToArray();
        var actual = Denies(deploymentFindings).Select(f => Key(f, f.Path)).Order(StringComparer.Ordinal).ToArray();
        return expected.SequenceEqual(actual)
            ? new FixtureOutcome(file, verdict, null)
            : new FixtureOutcome(file, verdict, $"as a Deployment template: expected [{string.Join("; ", expected)}], got [{string.Join("; ", actual)}]");
    }

    /// <summary>The pod as the template of a Deployment: the pod's own metadata and spec nodes under <c>spec.template</c>.</summary>
    public static ManifestSubject AsDeployment(ManifestSubject pod)
    {
        var template = new List<DocEntry>();
        if (pod.Root["metadata"] is { } metadata)
        {
            template.Add(new DocEntry("metadata", metadata, metadata.Line, metadata.Column));
        }

        if (pod.Root["spec"] is { } spec)
        {
            template.Add(new DocEntry("spec", spec, spec.Line, spec.Column));
        }

        var root = Map(
            ("apiVersion", Text("apps/v1")),
            ("kind", Text("Deployment")),
            ("metadata", Map(("name", Text(pod.Name ?? "pod")))),
            ("spec", Map(
                ("selector", Map(("matchLabels", Map(("app", Text("conformance")))))),
                ("template", new DocMap(template, 1, 1)))));
        return new ManifestSubject(root, pod.Source);

        static DocScalar Text(string text) => new(DocNodeKind.String, text, 1, 1);
        static DocMap Map(params (string Key, DocNode Value)[] entries) => new([.. entries.Select(e => new DocEntry(e.Key, e.Value, 1, 1))], 1, 1);
    }

    private static Finding[] Denies(IReadOnlyList<Finding> findings) => [.. findings.Where(f => f.Action == FindingAction.Deny && !f.IsSkipped)];

    private static string Key(Finding finding, string? path) => $"{finding.Id} at {path}: {finding.Message}";

    private static string Describe(IEnumerable<Finding> findings) => string.Join("; ", findings.Select(f => Key(f, f.Path)));
}
