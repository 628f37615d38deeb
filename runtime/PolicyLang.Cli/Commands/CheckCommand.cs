// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Compiler;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang check &lt;paths&gt;</c>: compile policies and print their diagnostics.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories (searched recursively for *.policy).", Arity = ArgumentArity.OneOrMore };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var command = new Command("check", "Compile policies and report their errors and warnings. Exit 0 when there are no errors, 2 otherwise.");
        command.Arguments.Add(paths);
        command.Options.Add(noCache);
        command.SetAction(parsed => Run(parsed.GetValue(paths) ?? [], parsed.GetValue(noCache), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool noCache, TextWriter output, TextWriter error)
    {
        var (sources, readErrors) = PolicySources.Read(paths, PhysicalFileSystem.Instance);
        foreach (var message in readErrors)
        {
            error.WriteLine("policylang: " + message);
        }

        if (readErrors.Count > 0)
        {
            return ExitCodes.Error;
        }

        if (sources.Count == 0)
        {
            error.WriteLine($"policylang: no .policy files found in {string.Join(", ", paths)}");
            return ExitCodes.Error;
        }

        var compilation = Compilation.Create(sources);
        var diagnostics = compilation.GetDiagnostics();
        if (!compilation.HasErrors)
        {
            // Emitting proves the policies load; the cache makes the next eval free.
            diagnostics = compilation.Emit(noCache ? null : DiskCompileCache.Default()).Diagnostics is { Count: > 0 } emitted ? emitted : diagnostics;
        }

        DiagnosticPrinter.Print(output, diagnostics, withContext: true);
        var rules = compilation.GetSemanticModel().Program.Packages.Sum(p => p.Rules.Count);
        output.WriteLine($"checked {sources.Count} file{(sources.Count == 1 ? string.Empty : "s")}, {rules} rule{(rules == 1 ? string.Empty : "s")}: {DiagnosticPrinter.Summary(diagnostics)}");
        return diagnostics.Any(d => d.IsError) ? ExitCodes.Error : ExitCodes.Success;
    }
}
