// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Globalization;
using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Benchmarks.Support;

/// <summary>
/// Bytes and time per document of each stage of benchmark 2 (<c>… alloc manifests json|admission [passes]</c>), each stage
/// including the ones before it: read the document, the subject, the typed pod template, the evaluation; and beside them
/// the baseline's deserialize alone. Untimed (Stopwatch over several passes, after a warm-up): indicative, for profiling.
/// </summary>
public static class ManifestParsingProfile
{
    public static int Run(string[] args, TextWriter output)
    {
        var admission = args.Length > 2 && args[2] == "admission";
        var passes = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 20;
        var generated = WorkloadCorpus.Generate(2_000);
        var texts = admission ? AdmissionReviewCorpus.Of(generated) : [.. generated.Select(g => g.Json)];
        var name = admission ? "review.json" : "corpus.json";
        var documents = new DocumentReader();
        var reader = new InputReader();
        var engine = PolicyFixture.Engine(RepositoryPaths.PodSecurity);
        output.WriteLine($"{texts.Average(t => t.Length),10:F0} characters per document ({(admission ? "AdmissionReview" : "manifest")} JSON), {passes} passes");
        var kinds = generated.Select(g => g.Kind).ToArray();
        var at = 0;
        for (var warm = 0; warm < 3; warm++)
        {
            // Tier-1 code for every stage before any is measured.
            foreach (var text in texts)
            {
                _ = engine.EvaluateManifest(Manifests(text).First());
                _ = Baselines.TypedWorkload.FromJson(text, kinds[0]);
            }
        }

        Stage("baseline: KubernetesJson deserialize (request.object found first for a review)", t =>
        {
            var json = admission ? System.Text.Json.JsonDocument.Parse(t).RootElement.GetProperty("request").GetProperty("object").GetRawText() : t;
            var typed = Baselines.TypedWorkload.FromJson(json, kinds[at]);
            at = at + 1 == kinds.Length ? 0 : at + 1;
            return typed is null ? 0 : 1;
        });
        Stage("documents (positions of every node where read)", t => documents.ReadText(t, name).Count());
        Stage("+ subjects", t => reader.ReadText(t, name).Count());
        Stage("+ typed metadata and pod template", t => Manifests(t).Sum(m => (Workload.From(m)?.AllContainers.Count ?? 0) + (m.Metadata.Labels?.Count ?? 0)));
        Stage("+ evaluation (Pod Security)", t => admission
            ? engine.EvaluateAdmission(reader.ReadText(t, name).Single().Admission ?? throw new InvalidOperationException("no review")).Findings.Count
            : engine.EvaluateManifest(WorkloadSubjects.ReadManifest(reader, t, name)).Findings.Count);
        return 0;

        IEnumerable<ManifestSubject> Manifests(string text) =>
            reader.ReadText(text, name).Select(i => i.Manifest ?? i.Admission?.Object).OfType<ManifestSubject>();

        void Stage(string stage, Func<string, int> run)
        {
            foreach (var text in texts)
            {
                run(text);
            }

            var before = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            for (var pass = 0; pass < passes; pass++)
            {
                foreach (var text in texts)
                {
                    run(text);
                }
            }

            var elapsed = Stopwatch.GetElapsedTime(started);
            var count = (double)texts.Length * passes;
            output.WriteLine($"{(GC.GetAllocatedBytesForCurrentThread() - before) / count,10:F0} B {elapsed.TotalNanoseconds / count,8:F0} ns per document  {stage}");
        }
    }
}
