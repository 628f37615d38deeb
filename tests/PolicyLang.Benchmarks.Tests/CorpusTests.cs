// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Benchmarks.Corpus;
using PolicyLang.Runtime.Adapters;

namespace PolicyLang.Benchmarks.Tests;

/// <summary>The generators are deterministic and write inputs PolicyLang reads without a message.</summary>
public sealed class CorpusTests
{
    [Fact]
    public void The_same_seed_gives_the_same_corpus()
    {
        WorkloadCorpus.Generate(50).Select(w => w.Json).ShouldBe(WorkloadCorpus.Generate(50).Select(w => w.Json));
        EventCorpus.ToJsonLines(EventCorpus.Generate(200)).ShouldBe(EventCorpus.ToJsonLines(EventCorpus.Generate(200)));
        PolicyFileGenerator.Generate(500).ShouldBe(PolicyFileGenerator.Generate(500));
    }

    [Fact]
    public void Admission_reviews_wrap_each_workload_and_read_as_admission_subjects()
    {
        var corpus = WorkloadCorpus.Generate(20);
        var reviews = AdmissionReviewCorpus.Of(corpus);
        reviews.ShouldBe(AdmissionReviewCorpus.Of(WorkloadCorpus.Generate(20)));
        var reader = new InputReader();
        for (var i = 0; i < corpus.Count; i++)
        {
            var item = reader.ReadText(reviews[i], "review.json").Single();
            var admission = item.Admission.ShouldNotBeNull();
            admission.Kind.Kind.ShouldBe(corpus[i].Kind);
            admission.Name.ShouldBe(corpus[i].Object.Metadata?.Name);
            admission.Operation.ShouldBe(i % 5 == 4 ? "UPDATE" : "CREATE");
            admission.Object.ShouldNotBeNull().Kind.ShouldBe(corpus[i].Kind);
            (admission.OldObject is not null).ShouldBe(i % 5 == 4);
        }
    }

    [Fact]
    public void The_manifest_repository_holds_the_requested_documents_and_reads_cleanly()
    {
        var directory = Path.Combine(Path.GetTempPath(), "policylang-corpus-test-" + Environment.ProcessId);
        try
        {
            ManifestRepository.Write(directory, 95).ShouldBe(10);
            var items = new InputReader().Read(directory).ToArray();
            items.Where(i => i.Message is not null).ShouldBeEmpty();
            items.Length.ShouldBe(95);
            items.Select(i => i.Manifest?.Kind).Distinct().Count().ShouldBeGreaterThan(8);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void The_generated_policy_file_has_the_requested_length()
    {
        var lines = PolicyFileGenerator.Generate(500).Count(c => c == '\n');
        lines.ShouldBeInRange(500, 560);
    }
}
