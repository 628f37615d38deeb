// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Compiler;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang doc &lt;paths&gt; [-o file] [--check]</c>: write the catalogue of the policies (every rule's id, title,
/// severity, subject, description, parameters and remediation) as Markdown, from their compiled metadata.
/// Exit 0 on success, 1 when <c>--check</c> finds the file out of date, 2 on errors.
/// </summary>
internal static class DocCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories (searched recursively for *.policy).", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string?>("--output", "-o") { Description = "Write the catalogue to this file instead of standard output." };
        var check = new Option<bool>("--check") { Description = "Write nothing; exit 1 when the --output file differs from the catalogue (for CI)." };
        var noCache = new Option<bool>("--no-cache") { Description = "Do not read or write the compile cache." };
        var command = new Command("doc", "Write the catalogue of the policies (rules, severities, parameters, remediation) as Markdown.");
        command.Arguments.Add(paths);
        command.Options.Add(output);
        command.Options.Add(check);
        command.Options.Add(noCache);
        command.SetAction(parsed => Run(parsed.GetValue(paths) ?? [], parsed.GetValue(output), parsed.GetValue(check), parsed.GetValue(noCache), Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, string? outputFile, bool check, bool noCache, TextWriter output, TextWriter error)
    {
        if (check && outputFile is null)
        {
            error.WriteLine("policylang: --check needs --output, the file to compare");
            return ExitCodes.Error;
        }

        if (Render(paths, outputFile, noCache, error) is not { } catalogue)
        {
            return ExitCodes.Error;
        }

        if (outputFile is null)
        {
            output.Write(catalogue);
            return ExitCodes.Success;
        }

        try
        {
            if (check)
            {
                var current = File.Exists(outputFile) ? File.ReadAllText(outputFile).ReplaceLineEndings("\n") : null;
                if (current == catalogue)
                {
                    output.WriteLine($"{outputFile} is up to date");
                    return ExitCodes.Success;
                }

                error.WriteLine($"policylang: {outputFile} is out of date; regenerate it with: policylang doc {string.Join(' ', paths)} -o {outputFile}");
                return ExitCodes.PolicyFailure;
            }

            File.WriteAllText(outputFile, catalogue);
            output.WriteLine($"wrote {outputFile}");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"policylang: {outputFile}: {e.Message}");
            return ExitCodes.Error;
        }
    }

    /// <summary>The catalogue of the policies, with source links relative to the output file's folder; null (errors printed) when they do not compile.</summary>
    public static string? Render(IReadOnlyList<string> paths, string? outputFile, bool noCache, TextWriter error)
    {
        var (sources, readErrors) = PolicySources.Read(paths, PhysicalFileSystem.Instance);
        foreach (var message in readErrors)
        {
            error.WriteLine("policylang: " + message);
        }

        if (readErrors.Count > 0 || sources.Count == 0)
        {
            if (sources.Count == 0 && readErrors.Count == 0)
            {
                error.WriteLine($"policylang: no .policy files found in {string.Join(", ", paths)}");
            }

            return null;
        }

        var emitted = Compilation.Create(sources).Emit(noCache ? null : DiskCompileCache.Default());
        if (!emitted.Success || emitted.Manifest is null)
        {
            DiagnosticPrinter.Print(error, emitted.Diagnostics.Where(d => d.IsError), withContext: true);
            return null;
        }

        var baseDirectory = outputFile is null ? Environment.CurrentDirectory : Path.GetDirectoryName(Path.GetFullPath(outputFile)) ?? Environment.CurrentDirectory;
        return PolicyCatalogue.Render(emitted.Manifest, baseDirectory);
    }
}
