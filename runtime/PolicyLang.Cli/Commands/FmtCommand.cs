// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using System.Text;
using PolicyLang.Cli.Loading;
using PolicyLang.Cli.Output;
using PolicyLang.Compiler.Formatting;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang fmt [--check] &lt;paths|-&gt;</c>: canonical formatting of <c>.policy</c> files (the formatter the
/// language server uses), in place; <c>-</c> formats stdin to stdout. With <c>--check</c> nothing is written: the
/// files that would change are listed and the exit code is 1. A file with syntax errors is left as it is, its
/// errors are printed and the exit code is 2.
/// </summary>
internal static class FmtCommand
{
    public static Command Create()
    {
        var paths = new Argument<string[]>("paths") { Description = "Policy files or directories (searched recursively for *.policy), or - for stdin.", Arity = ArgumentArity.OneOrMore };
        var check = new Option<bool>("--check") { Description = "Write nothing; list the files that are not formatted and exit 1 when there are any." };
        var command = new Command("fmt", "Format policy files in the canonical style. Exit 0 when done (or all formatted), 1 when --check finds files to format, 2 on errors.");
        command.Arguments.Add(paths);
        command.Options.Add(check);
        command.SetAction(parsed => Run(parsed.GetValue(paths) ?? [], parsed.GetValue(check), Console.OpenStandardInput, Console.Out, Console.Error));
        return command;
    }

    public static int Run(IReadOnlyList<string> paths, bool check, Func<Stream> openStdin, TextWriter output, TextWriter error)
    {
        if (paths.Contains("-"))
        {
            if (paths.Count > 1)
            {
                error.WriteLine("policylang: fmt - formats stdin to stdout; give it alone");
                return ExitCodes.Error;
            }

            using var reader = new StreamReader(openStdin(), Encoding.UTF8);
            return FormatStdin(reader.ReadToEnd(), check, output, error);
        }

        var (sources, readErrors) = PolicySources.Read(paths, PhysicalFileSystem.Instance);
        foreach (var message in readErrors)
        {
            error.WriteLine("policylang: " + message);
        }

        if (sources.Count == 0 && readErrors.Count == 0)
        {
            error.WriteLine($"policylang: no .policy files found in {string.Join(", ", paths)}");
            return ExitCodes.Error;
        }

        var failed = readErrors.Count > 0;
        var changed = 0;
        foreach (var source in sources)
        {
            var tree = PolicyParser.Parse(source);
            if (tree.Diagnostics.Any(d => d.IsError))
            {
                DiagnosticPrinter.Print(error, tree.Diagnostics.Where(d => d.IsError), withContext: true);
                failed = true;
                continue;
            }

            var formatted = PolicyFormatter.Format(tree);
            if (formatted == source.Text)
            {
                continue;
            }

            changed++;
            if (check)
            {
                output.WriteLine($"{source.Path}: not formatted");
                continue;
            }

            try
            {
                // Written beside and renamed, so an interrupted run never leaves half a file.
                var temporary = source.Path + ".fmt.tmp";
                File.WriteAllText(temporary, formatted, new UTF8Encoding(false));
                File.Move(temporary, source.Path, overwrite: true);
                output.WriteLine($"{source.Path}: formatted");
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error.WriteLine($"policylang: {source.Path}: cannot write: {e.Message}");
                failed = true;
            }
        }

        var files = sources.Count == 1 ? "1 file" : $"{sources.Count} files";
        output.WriteLine(check
            ? $"{files} checked: {(changed == 0 ? "all formatted" : $"{changed} not formatted")}"
            : $"{files}: {(changed == 0 ? "all already formatted" : $"{changed} formatted")}");
        return failed ? ExitCodes.Error : check && changed > 0 ? ExitCodes.PolicyFailure : ExitCodes.Success;
    }

    private static int FormatStdin(string text, bool check, TextWriter output, TextWriter error)
    {
        var tree = PolicyParser.Parse(new SourceText("-", text));
        if (tree.Diagnostics.Any(d => d.IsError))
        {
            DiagnosticPrinter.Print(error, tree.Diagnostics.Where(d => d.IsError), withContext: true);
            return ExitCodes.Error;
        }

        var formatted = PolicyFormatter.Format(tree);
        if (check)
        {
            return formatted == text ? ExitCodes.Success : ExitCodes.PolicyFailure;
        }

        output.Write(formatted);
        return ExitCodes.Success;
    }
}
