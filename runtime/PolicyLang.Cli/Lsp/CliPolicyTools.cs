// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Cli.Commands;
using PolicyLang.Cli.Input;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Cli.Testing;
using PolicyLang.Compiler;
using PolicyLang.LanguageServer.Features.Commands;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Lsp;

/// <summary>
/// The editor's "evaluate" and "run tests" commands, done exactly as <c>policylang eval -o json</c> and
/// <c>policylang test</c> do them (same compile cache, engine, input reading, report writer and test runner).
/// </summary>
internal sealed class CliPolicyTools : IPolicyTools
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(30);

    public JsonElement Evaluate(Compilation compilation, string package, string inputPath, CancellationToken cancellationToken)
    {
        if (!File.Exists(inputPath) && !Directory.Exists(inputPath))
        {
            throw new PolicyToolException($"{inputPath}: no such file or directory");
        }

        var image = Emit(compilation);
        CompiledPolicySet policies;
        try
        {
            // Unloadable: the editor evaluates again after every change.
            policies = CompiledPolicySet.Load(image, new ParameterValues(new Dictionary<string, object?>(StringComparer.Ordinal)), PolicyCodeLifetime.Unloadable);
        }
        catch (System.Reflection.TargetInvocationException e)
        {
            throw new PolicyToolException($"the policies could not be initialised: {e.InnerException?.Message ?? e.Message}");
        }

        var engine = new PolicyEngine(policies, new EngineOptions { RuleFilter = r => r.Policy == package });
        var items = InputReading.Read([inputPath], null, () => Stream.Null);
        using var buffer = new MemoryStream();
        using (var pipeline = new ReportPipeline([new JsonReportWriter(buffer)], new ReportRun { Rules = [.. engine.Rules.Select(r => r.Descriptor)] }))
        {
            EvaluationRunner.Run(engine, items, pipeline, null, null, cancellationToken);
            pipeline.End();
        }

        using var document = JsonDocument.Parse(buffer.ToArray());
        return document.RootElement.Clone();
    }

    public PolicyTestReport RunTests(Compilation compilation, string documentPath, CancellationToken cancellationToken)
    {
        var image = Emit(compilation);
        var runner = new PolicyTestRunner(compilation, image, new FixtureReader(), TestTimeout);
        var result = runner.Run(t => t.Symbol.Tree.Source.Path == documentPath);
        var tests = result.Outcomes.Select(o => new PolicyTestResult(o.Name, o.Passed, string.Join("\n", o.Failures))).ToArray();
        var rulesOfFile = compilation.GetSemanticModel().Program.Packages.SelectMany(p => p.Rules)
            .Where(r => r.Symbol.Tree.Source.Path == documentPath)
            .Select(r => r.Metadata.Id)
            .ToHashSet(StringComparer.Ordinal);
        var uncovered = result.UncoveredRules.Where(u => rulesOfFile.Any(id => u.Contains($"rule {id} is not", StringComparison.Ordinal))).ToArray();
        return new PolicyTestReport(tests, uncovered);
    }

    private static byte[] Emit(Compilation compilation)
    {
        var emitted = compilation.Emit(DiskCompileCache.Default());
        if (!emitted.Success || emitted.Image is null)
        {
            var errors = emitted.Diagnostics.Where(d => d.IsError).Take(20).Select(d => d.ToString());
            throw new PolicyToolException("the policies do not compile:\n" + string.Join("\n", errors));
        }

        return emitted.Image;
    }
}
