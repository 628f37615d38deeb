// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Exceptions;
using PolicyLang.Bundles.Loading;
using PolicyLang.Cli.Input;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Cli.Pipeline;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang eval -p &lt;policies&gt; [-o format[=file]]… [--fail-on severity] [--rule|--tag|--severity …]
/// [--bindings file] [--exceptions file] [--param k=v] &lt;inputs|dirs|-&gt;</c>: evaluate inputs.
/// Exit 0 (passed), 1 (findings fail the gate), 2 (errors: unreadable input, rule errors, compile errors, bad options).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var policies = new Option<string[]>("--policy", "-p") { Description = "Policy files or directories (repeatable).", Required = true };
        var subject = new Option<string?>("--subject") { Description = "The subject kind of the inputs when it cannot be detected: manifest, admission, image, event or host." };
        var output = new Option<string[]>("--output", "-o") { Description = $"Output format ({OutputTarget.FormatNames}), to stdout or to a file with format=file (repeatable; default text)." };
        var failOn = new Option<string?>("--fail-on") { Description = "Fail (exit 1) only on deny findings of this severity or above: info, low, medium, high or critical (default: any deny)." };
        var rules = new Option<string[]>("--rule") { Description = "Evaluate only these rules: ids, package.rule names or packages; globs allowed (repeatable or comma-separated)." };
        var tags = new Option<string[]>("--tag") { Description = "Evaluate only rules with one of these tags; globs allowed (repeatable or comma-separated)." };
        var severities = new Option<string[]>("--severity") { Description = "Evaluate only rules of these severities (repeatable or comma-separated)." };
        var parameters = new Option<string[]>("--param") { Description = "Set a policy parameter: name=value or package.name=value (repeatable; wins over the bindings file)." };
        var bindings = new Option<string?>("--bindings") { Description = "A bindings file: parameters, and enforcement and scope (kinds, namespaces, names, labels) per policy or rule." };
        var exceptions = new Option<string[]>("--exceptions") { Description = "An exceptions file: rules skipped for matching objects, with a reason and an optional expiry (repeatable)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var noProgress = new Option<bool>("--no-progress") { Description = "Never show the progress line (it shows only on a terminal, outside CI, for large inputs)." };
        var inputs = new Argument<string[]>("inputs") { Description = "Input files or directories (*.yaml, *.yml, *.json, *.jsonl), or - for stdin.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("eval", "Evaluate inputs against policies and report findings.");
        foreach (var option in new Option[] { policies, subject, output, failOn, rules, tags, severities, parameters, bindings, exceptions, noCache, noProgress })
        {
            command.Options.Add(option);
        }

        command.Arguments.Add(inputs);
        command.SetAction(parsed => Run(
            new EvalOptions
            {
                Policies = parsed.GetValue(policies) ?? [],
                Inputs = parsed.GetValue(inputs) ?? [],
                Subject = parsed.GetValue(subject),
                Outputs = parsed.GetValue(output) ?? [],
                FailOn = parsed.GetValue(failOn),
                Rules = parsed.GetValue(rules) ?? [],
                Tags = parsed.GetValue(tags) ?? [],
                Severities = parsed.GetValue(severities) ?? [],
                Parameters = parsed.GetValue(parameters) ?? [],
                Bindings = parsed.GetValue(bindings),
                Exceptions = parsed.GetValue(exceptions) ?? [],
                NoCache = parsed.GetValue(noCache),
                Color = !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null && Environment.GetEnvironmentVariable("TERM") != "dumb",
                Progress = !parsed.GetValue(noProgress) && ProgressLine.IsWanted(),
            },
            Console.OpenStandardInput,
            Console.OpenStandardOutput(),
            Console.Error));
        return command;
    }

    public static int Run(EvalOptions options, Func<Stream> openStdin, Stream stdout, TextWriter stderr)
    {
        var trace = PhaseTrace.FromEnvironment(stderr);
        trace.Mark("start");
        if (!OutputTarget.TryParseAll(options.Outputs, out var targets, out var outputError)
            || !FailGate.TryParse(options.FailOn, out var gate, out outputError)
            || !RuleSelection.TryCreate(options.Rules, options.Tags, options.Severities, out var selection, out outputError)
            || !InputReading.TryParseSubject(options.Subject, out var forced, out outputError))
        {
            stderr.WriteLine("policylang: " + outputError);
            return ExitCodes.Error;
        }

        LoadedPolicies loaded;
        PolicyExceptions exceptions;
        try
        {
            // Problems with the run's own files are cheaper to report before compiling.
            var bindings = options.Bindings is null ? PolicyBindings.None : BindingsReader.ReadFile(options.Bindings);
            var exceptionList = options.Exceptions.SelectMany(ExceptionsReader.ReadFile).ToArray();
            if (Load(options, bindings, stderr, trace) is not { } policies)
            {
                return ExitCodes.Error;
            }

            loaded = policies;
            trace.Mark("loaded");
            exceptions = PolicyExceptions.Prepare(exceptionList, [.. loaded.Policies.Rules.Select(r => r.Descriptor)], options.Now ?? DateTimeOffset.UtcNow);
        }
        catch (BundleException e)
        {
            stderr.WriteLine("policylang: " + e.Message);
            return ExitCodes.Error;
        }

        var allRules = loaded.Policies.Rules.Select(r => r.Descriptor).ToArray();
        if (selection.Problems(allRules) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine("policylang: " + problem);
            }

            return ExitCodes.Error;
        }

        var engine = new PolicyEngine(loaded.Policies, loaded.EngineOptions with { RuleFilter = selection.IsEverything ? null : selection.Includes });
        var run = new ReportRun { Rules = [.. engine.Rules.Select(r => r.Descriptor)], Gate = gate };
        var streams = new List<Stream>();
        try
        {
            var writers = new List<IReportWriter>();
            foreach (var target in targets)
            {
                var stream = target.Path is null ? stdout : Create(target.Path, streams);
                writers.Add(target.Format switch
                {
                    ReportFormat.Json => new JsonReportWriter(stream),
                    ReportFormat.Sarif => new SarifReportWriter(stream),
                    ReportFormat.Junit => new JUnitReportWriter(stream),
                    ReportFormat.Github => new GitHubReportWriter(stream),
                    _ => new TextReportWriter(stream, color: target.IsStdout && options.Color),
                });
            }

            using var pipeline = new ReportPipeline(writers, run);
            foreach (var warning in exceptions.Warnings)
            {
                pipeline.Message(new ReportMessage(InputMessageLevel.Warning, warning.Message, warning.Location, AboutConfiguration: true));
            }

            using (var progress = options.Progress ? new ProgressLine(stderr) : null)
            {
                var items = InputReading.Read(options.Inputs, forced, openStdin);
                EvaluationRunner.Run(engine, items, pipeline, new FindingAdjuster(loaded, exceptions), progress is null ? null : progress.Report, CancellationToken.None, trace);
            }

            trace.Mark("evaluated");
            pipeline.End();
            stdout.Flush();
            trace.Mark("reported");
            return pipeline.Tally.ExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("policylang: cannot write the report: " + e.Message);
            return ExitCodes.Error;
        }
        finally
        {
            foreach (var stream in streams)
            {
                stream.Dispose();
            }
        }
    }

    /// <summary>Compiles (or loads from the cache) and binds parameters, bindings and enforcement; null after writing why to stderr.</summary>
    private static LoadedPolicies? Load(EvalOptions options, PolicyBindings bindings, TextWriter stderr, PhaseTrace trace)
    {
        var compiled = PolicyCompiler.Compile(options.Policies, options.NoCache ? null : DiskCompileCache.Default(), stderr);
        trace.Mark("compiled");
        if (compiled is null)
        {
            return null;
        }

        // --param first, for messages that name it; the bindings file's own problems name the file and line.
        var errors = new List<string>();
        PolicyLoader.BindParameters(compiled.Manifest, options.Parameters, errors);
        var fileErrors = BundleLoader.Check(compiled.Manifest, bindings);
        foreach (var name in bindings.Parameters.Keys)
        {
            var parameterErrors = new List<string>();
            BundleLoader.BindParameters(compiled.Manifest, new Dictionary<string, string> { [name] = bindings.Parameters[name] }, parameterErrors);
            fileErrors.AddRange(parameterErrors.Select(e => $"{ParameterPlace(options.Bindings, name)}: {e}"));
        }

        errors.AddRange(fileErrors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("policylang: " + error);
            }

            return null;
        }

        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var setting in options.Parameters)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            settings[setting[..equals].Trim()] = setting[(equals + 1)..];
        }

        var origin = string.Join(", ", options.Policies);
        return BundleLoader.Load(compiled.Image, compiled.Manifest, bindings.Overlay(new PolicyBindings { Parameters = settings }), origin, compiled.ContentHash);
    }

    /// <summary>Where a bindings file sets a parameter (<c>file:line:col</c>), or the file when it cannot be told.</summary>
    private static string ParameterPlace(string? bindingsFile, string name)
    {
        if (bindingsFile is null)
        {
            return "bindings";
        }

        try
        {
            var document = new DocumentReader().ReadText(File.ReadAllText(bindingsFile), bindingsFile).FirstOrDefault();
            if (document?.Root is DocMap root && root["parameters"] is DocMap parameters && parameters.TryGetEntry(name, out var entry))
            {
                return $"{bindingsFile}:{entry.KeyLine}:{entry.KeyColumn}";
            }
        }
        catch (IOException)
        {
            // Read a moment ago; if it cannot be read now, the message names the file alone.
        }

        return bindingsFile;
    }

    private static FileStream Create(string path, List<Stream> streams)
    {
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } directory)
        {
            Directory.CreateDirectory(directory);
        }

        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, 65536);
        streams.Add(stream);
        return stream;
    }
}

/// <summary>The settings of one eval run.</summary>
internal sealed record EvalOptions
{
    public required IReadOnlyList<string> Policies { get; init; }

    public required IReadOnlyList<string> Inputs { get; init; }

    public string? Subject { get; init; }

    /// <summary>The <c>-o</c> values (<c>format</c> or <c>format=file</c>); none means text on stdout.</summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    public string? FailOn { get; init; }

    public IReadOnlyList<string> Rules { get; init; } = [];

    public IReadOnlyList<string> Tags { get; init; } = [];

    public IReadOnlyList<string> Severities { get; init; } = [];

    public IReadOnlyList<string> Parameters { get; init; } = [];

    public string? Bindings { get; init; }

    public IReadOnlyList<string> Exceptions { get; init; } = [];

    public bool NoCache { get; init; }

    /// <summary>Colour in text written to stdout (the CLI sets it for a terminal).</summary>
    public bool Color { get; init; }

    /// <summary>Show the progress line on stderr (the CLI sets it for a terminal outside CI).</summary>
    public bool Progress { get; init; }

    /// <summary>The time exceptions expire against (null: now).</summary>
    public DateTimeOffset? Now { get; init; }
}
