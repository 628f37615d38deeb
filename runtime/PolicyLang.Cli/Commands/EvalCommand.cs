// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Input;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang eval -p &lt;policies&gt; [--subject K] [-o text|json] [--param k=v] &lt;inputs|dirs|-&gt;</c>:
/// evaluate inputs. Exit 0 (no deny), 1 (deny findings), 2 (errors: unreadable input, compile errors).
/// </summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var policies = new Option<string[]>("--policy", "-p") { Description = "Policy files or directories (repeatable).", Required = true };
        var subject = new Option<string?>("--subject") { Description = "The subject kind of the inputs when it cannot be detected: manifest, admission, image, event or host." };
        var output = new Option<string>("--output", "-o") { Description = "Output format: text or json.", DefaultValueFactory = _ => "text" };
        var parameters = new Option<string[]>("--param") { Description = "Set a policy parameter: name=value or package.name=value (repeatable)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var inputs = new Argument<string[]>("inputs") { Description = "Input files or directories (*.yaml, *.yml, *.json, *.jsonl), or - for stdin.", Arity = ArgumentArity.OneOrMore };
        var command = new Command("eval", "Evaluate inputs against policies and report findings.");
        command.Options.Add(policies);
        command.Options.Add(subject);
        command.Options.Add(output);
        command.Options.Add(parameters);
        command.Options.Add(noCache);
        command.Arguments.Add(inputs);
        command.SetAction(parsed => Run(
            new EvalOptions(
                parsed.GetValue(policies) ?? [],
                parsed.GetValue(inputs) ?? [],
                parsed.GetValue(subject),
                parsed.GetValue(output) ?? "text",
                parsed.GetValue(parameters) ?? [],
                parsed.GetValue(noCache)),
            Console.OpenStandardInput,
            Console.OpenStandardOutput(),
            Console.Error));
        return command;
    }

    public static int Run(EvalOptions options, Func<Stream> openStdin, Stream stdout, TextWriter stderr)
    {
        if (options.Output is not ("text" or "json"))
        {
            stderr.WriteLine($"policylang: unknown output format '{options.Output}'; expected text or json");
            return ExitCodes.Error;
        }

        if (!InputReading.TryParseSubject(options.Subject, out var forced, out var subjectError))
        {
            stderr.WriteLine("policylang: " + subjectError);
            return ExitCodes.Error;
        }

        var loaded = PolicyLoader.Load(options.Policies, options.Parameters, options.NoCache ? null : DiskCompileCache.Default());
        if (!loaded.Success || loaded.Policies is null)
        {
            DiagnosticPrinter.Print(stderr, loaded.Diagnostics.Where(d => d.IsError), withContext: true);
            foreach (var error in loaded.Errors)
            {
                stderr.WriteLine("policylang: " + error);
            }

            return ExitCodes.Error;
        }

        var engine = new PolicyEngine(loaded.Policies);
        var items = InputReading.Read(options.Inputs, forced, openStdin);
        var report = EvaluationRunner.Run(engine, items);
        if (options.Output == "json")
        {
            JsonReportWriter.Write(stdout, report);
            stdout.Write("\n"u8);
        }
        else
        {
            using var writer = new StreamWriter(stdout, new System.Text.UTF8Encoding(false), leaveOpen: true);
            TextReportWriter.Write(writer, report, color: !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null);
        }

        stdout.Flush();
        return report.HasErrors ? ExitCodes.Error : report.HasDenials ? ExitCodes.PolicyFailure : ExitCodes.Success;
    }
}

/// <summary>The settings of one eval run.</summary>
internal sealed record EvalOptions(
    IReadOnlyList<string> Policies,
    IReadOnlyList<string> Inputs,
    string? Subject,
    string Output,
    IReadOnlyList<string> Parameters,
    bool NoCache);
