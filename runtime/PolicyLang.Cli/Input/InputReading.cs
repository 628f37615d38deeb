// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics.CodeAnalysis;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Input;

/// <summary>The CLI's use of the subject adapters: inputs named on the command line, stdin as "-".</summary>
internal static class InputReading
{
    public static bool TryParseSubject(string? name, out SubjectKind? kind, [NotNullWhen(false)] out string? error)
    {
        kind = null;
        error = null;
        if (string.IsNullOrEmpty(name))
        {
            return true;
        }

        if (!SubjectKindNames.TryParse(name, out var parsed, out error))
        {
            return false;
        }

        kind = parsed;
        return true;
    }

    public static IEnumerable<InputItem> Read(IReadOnlyList<string> inputs, SubjectKind? forced, Func<Stream> openStdin)
    {
        // Parsing YAML is most of a run's work: small files are parsed on every core, ahead of the evaluation.
        var reader = new InputReader(new InputReaderOptions { Subject = forced, OpenStdin = openStdin, Parallelism = Environment.ProcessorCount });
        return reader.Read(inputs);
    }
}
