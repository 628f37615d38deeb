// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.Loader;
using PolicyLang.Cli.Commands;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Bound;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Testing;

/// <summary>
/// Runs the <c>test</c> blocks of a compilation: loads each test's fixtures, evaluates the policies with the
/// test's parameters, and checks the expectations. Tests run in parallel, each with a timeout.
/// </summary>
internal sealed class PolicyTestRunner
{
    private readonly Compilation _compilation;
    private readonly byte[]? _image;
    private readonly Func<ParameterValues, CompiledPolicySet>? _policies;
    private readonly IFixtureReader _fixtures;
    private readonly TimeSpan _timeout;

    /// <summary>Runs the tests against the compiled assembly of the compilation.</summary>
    public PolicyTestRunner(Compilation compilation, byte[] image, IFixtureReader fixtures, TimeSpan timeout)
    {
        _compilation = compilation;
        _image = image;
        _fixtures = fixtures;
        _timeout = timeout;
    }

    /// <summary>Runs the tests against another back end of the same compilation (e.g. the reference interpreter).</summary>
    public PolicyTestRunner(Compilation compilation, Func<ParameterValues, CompiledPolicySet> policies, IFixtureReader fixtures, TimeSpan timeout)
    {
        _compilation = compilation;
        _policies = policies;
        _fixtures = fixtures;
        _timeout = timeout;
    }

    public TestRunResult Run(Func<BoundTest, bool>? filter = null)
    {
        var program = _compilation.GetSemanticModel().Program;
        var tests = program.Packages.SelectMany(p => p.Tests).Where(t => filter?.Invoke(t) ?? true).ToArray();
        var load = _policies ?? LoadImage(_image ?? []);
        var outcomes = new ConcurrentDictionary<int, TestOutcome>();
        Parallel.For(0, tests.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, i =>
        {
            outcomes[i] = RunOne(tests[i], load);
        });

        var ordered = Enumerable.Range(0, tests.Length).Select(i => outcomes[i]).ToArray();
        var allRules = program.Packages.SelectMany(p => p.Rules).Select(r => r.Metadata.Id).ToHashSet(StringComparer.Ordinal);
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var outcome in ordered)
        {
            exercised.UnionWith(outcome.Findings.Select(f => f.Id));
        }

        foreach (var test in tests)
        {
            exercised.UnionWith(test.Expectations.Select(e => e.Rule).OfType<Compiler.Binding.RuleSymbol>().Select(r => RuleId(program, r)));
        }

        var uncovered = program.Packages.SelectMany(p => p.Rules)
            .Where(r => !exercised.Contains(r.Metadata.Id))
            .Select(r => $"{r.Symbol.Tree.Source.Path}:{r.Symbol.Tree.Source.GetLinePosition(r.Symbol.NameSpan.Start).Line + 1}: rule {r.Metadata.Id} is not exercised by any test")
            .ToArray();
        return new TestRunResult(ordered, uncovered, allRules.Count);
    }

    private static string RuleId(BoundProgram program, Compiler.Binding.RuleSymbol symbol) =>
        program.Packages.SelectMany(p => p.Rules).FirstOrDefault(r => r.Symbol == symbol)?.Metadata.Id ?? symbol.QualifiedName;

    /// <summary>The policies of an emitted assembly, loaded once into a collectible context, with each test's parameters.</summary>
    private static Func<ParameterValues, CompiledPolicySet> LoadImage(byte[] image)
    {
        var context = new AssemblyLoadContext("policylang-tests", isCollectible: true);
        using var stream = new MemoryStream(image, writable: false);
        var assembly = context.LoadFromStream(stream);
        return parameters => CompiledPolicySet.Load(assembly, parameters);
    }

    private TestOutcome RunOne(BoundTest test, Func<ParameterValues, CompiledPolicySet> load)
    {
        var stopwatch = Stopwatch.StartNew();
        var symbol = test.Symbol;
        var source = symbol.Tree.Source;
        var line = source.GetLinePosition(symbol.Declaration.Span.Start).Line + 1;
        var failures = new List<string>();
        IReadOnlyList<Finding> findings = [];
        try
        {
            var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
            foreach (var setting in test.Settings)
            {
                parameters[$"{setting.Parameter.Package.Name}.{setting.Parameter.Name}"] = ToRuntimeValue(setting.Value, setting.Parameter.Type.Name);
            }

            var set = load(new ParameterValues(parameters));
            var packages = new HashSet<string>(StringComparer.Ordinal) { symbol.Package.Name };
            packages.UnionWith(test.Expectations.Select(e => e.Rule?.Package.Name).OfType<string>());
            var engine = new PolicyEngine(set, new EngineOptions { RuleFilter = r => packages.Contains(r.Policy) });

            var items = new List<InputItem>();
            foreach (var fixture in test.Fixtures)
            {
                items.AddRange(_fixtures.Read(fixture, Path.GetDirectoryName(source.Path) ?? "."));
            }

            foreach (var error in items.Where(i => i.IsError))
            {
                failures.Add($"fixture error: {error.Message}");
            }

            using var timeout = new CancellationTokenSource(_timeout);
            var report = EvaluationRunner.Run(engine, items.Where(i => !i.IsError), timeout.Token);
            findings = report.AllFindings.ToArray();
            foreach (var expectation in test.Expectations)
            {
                Check(expectation, findings, failures);
            }

            if (timeout.IsCancellationRequested)
            {
                failures.Add($"the test took longer than {_timeout.TotalSeconds:0} s");
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            failures.Add($"the test could not run: {e.GetType().Name}: {e.Message}");
        }

        return new TestOutcome(symbol.Package.Name, symbol.Name, source.Path, line, failures.Count == 0, failures, findings, stopwatch.Elapsed);
    }

    private static void Check(BoundExpectation expectation, IReadOnlyList<Finding> findings, List<string> failures)
    {
        var matching = findings.Where(f =>
            !f.IsSkipped
            && (expectation.Action is null || f.Action == expectation.Action)
            && (expectation.Rule is null || (f.Policy == expectation.Rule.Package.Name && f.Rule == expectation.Rule.Name))
            && (expectation.Message is null || f.Message == expectation.Message)
            && (expectation.At is null || f.Path == expectation.At)).ToArray();
        var ok = expectation.IsNegated ? matching.Length == 0
            : expectation.Count is { } count ? matching.Length == count
            : matching.Length > 0;
        if (ok)
        {
            return;
        }

        var syntax = expectation.Syntax;
        var position = syntax.Span;
        var description = Describe(expectation);
        var wanted = expectation.IsNegated ? "no" : expectation.Count is { } c ? $"exactly {c}" : "at least one";
        var actual = findings.Count == 0 ? "  (no findings)" : string.Join("\n", findings.Select(f => "  " + FindingLine(f)));
        failures.Add($"expected {wanted} {description}, found {matching.Length}\n  actual findings:\n{actual}");
        _ = position;
    }

    private static string Describe(BoundExpectation expectation)
    {
        var parts = new List<string> { expectation.Action?.ToString().ToLowerInvariant() ?? "finding" };
        if (expectation.Rule is { } rule)
        {
            parts.Add("from " + rule.Name);
        }

        if (expectation.Message is { } message)
        {
            parts.Add($"with message \"{message}\"");
        }

        if (expectation.At is { } at)
        {
            parts.Add($"at {at}");
        }

        return string.Join(' ', parts);
    }

    internal static string FindingLine(Finding f) =>
        $"{f.Action.ToString().ToLowerInvariant(),-6} {f.Rule}: {f.Message}{(f.Path is null ? string.Empty : " at " + f.Path)}{(f.IsSkipped ? $" (skipped: {f.SkippedReason})" : string.Empty)}";

    /// <summary>Converts a compile-time constant to the CLR value generated code expects for a parameter type.</summary>
    private static object? ToRuntimeValue(object? value, string type) => value switch
    {
        null => null,
        IReadOnlyList<object?> list => ParameterValues.Convert(type, System.Text.Json.JsonSerializer.Serialize(list)),
        IReadOnlyDictionary<string, object?> map => ParameterValues.Convert(type, System.Text.Json.JsonSerializer.Serialize(map)),
        long l when type == "float" => (double?)l,
        long l => (long?)l,
        double d => (double?)d,
        bool b => (bool?)b,
        _ => value,
    };
}

/// <summary>All outcomes of a test run and the rules no test exercised.</summary>
internal sealed record TestRunResult(IReadOnlyList<TestOutcome> Outcomes, IReadOnlyList<string> UncoveredRules, int RuleCount)
{
    public int Passed => Outcomes.Count(o => o.Passed);

    public int Failed => Outcomes.Count(o => !o.Passed);
}

/// <summary>Reads a test fixture into input items (subjects or errors).</summary>
internal interface IFixtureReader
{
    IEnumerable<InputItem> Read(BoundFixture fixture, string baseDirectory);
}
