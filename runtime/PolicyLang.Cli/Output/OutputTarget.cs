// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics.CodeAnalysis;

namespace PolicyLang.Cli.Output;

/// <summary>One <c>-o</c> value: a format, written to stdout (<c>-o sarif</c>) or to a file (<c>-o sarif=out.sarif</c>).</summary>
/// <param name="Format">The report format.</param>
/// <param name="Path">The file to write, or null for stdout.</param>
internal sealed record OutputTarget(ReportFormat Format, string? Path)
{
    public const string FormatNames = "text, json, sarif, junit or github";

    public static readonly OutputTarget DefaultText = new(ReportFormat.Text, null);

    public bool IsStdout => Path is null;

    /// <summary>Parses <c>format</c> or <c>format=file</c>; <c>format=-</c> is stdout.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out OutputTarget? target, [NotNullWhen(false)] out string? error)
    {
        target = null;
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        var name = (equals < 0 ? text : text[..equals]).Trim();
        var path = equals < 0 ? null : text[(equals + 1)..].Trim();
        if (path is { Length: 0 })
        {
            error = $"-o {text}: expected format=file, e.g. sarif=results.sarif";
            return false;
        }

        ReportFormat? format = name switch
        {
            "text" => ReportFormat.Text,
            "json" => ReportFormat.Json,
            "sarif" => ReportFormat.Sarif,
            "junit" => ReportFormat.Junit,
            "github" => ReportFormat.Github,
            _ => null,
        };
        if (format is null)
        {
            error = $"unknown output format '{name}'; expected {FormatNames}, optionally with =file";
            return false;
        }

        error = null;
        target = new OutputTarget(format.Value, path == "-" ? null : path);
        return true;
    }

    /// <summary>Parses every <c>-o</c> value; at most one may go to stdout, and no file may be named twice.</summary>
    public static bool TryParseAll(IReadOnlyList<string> values, out IReadOnlyList<OutputTarget> targets, [NotNullWhen(false)] out string? error)
    {
        var parsed = new List<OutputTarget>();
        targets = parsed;
        foreach (var value in values)
        {
            if (!TryParse(value, out var target, out error))
            {
                return false;
            }

            parsed.Add(target);
        }

        if (parsed.Count == 0)
        {
            parsed.Add(DefaultText);
        }

        if (parsed.Count(t => t.IsStdout) > 1)
        {
            error = "only one -o format can go to stdout; send the others to files, e.g. -o text -o sarif=results.sarif";
            return false;
        }

        var duplicate = parsed.Where(t => t.Path is not null)
            .GroupBy(t => System.IO.Path.GetFullPath(t.Path ?? string.Empty), StringComparer.Ordinal)
            .FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            error = $"-o names the file {duplicate.First().Path} more than once";
            return false;
        }

        error = null;
        return true;
    }

    public override string ToString() => Path is null ? Names.Of(Format) : $"{Names.Of(Format)}={Path}";
}
