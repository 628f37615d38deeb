// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Sources;

/// <summary>
/// Expands the paths given on a command line into input files: "-" is stdin, a file is itself, a directory is every
/// <c>*.yaml</c>, <c>*.yml</c>, <c>*.json</c> and <c>*.jsonl</c> below it (hidden
/// entries skipped, each directory visited once even through symbolic links), in ordinal order of their paths.
/// </summary>
internal static class InputPaths
{
    public const string Stdin = "-";

    private static readonly string[] Extensions = [".yaml", ".yml", ".json", ".jsonl"];

    public static IReadOnlyList<string> SupportedExtensions => Extensions;

    public static IEnumerable<InputSource> Expand(string path)
    {
        if (path == Stdin)
        {
            yield return new InputSource(path, IsStdin: true);
            yield break;
        }

        if (File.Exists(path))
        {
            yield return new InputSource(path);
            yield break;
        }

        if (!Directory.Exists(path))
        {
            yield return new InputSource(path, Problem: "no such file or directory");
            yield break;
        }

        var found = false;
        foreach (var source in Walk(path))
        {
            found |= source.Problem is null;
            yield return source;
        }

        if (!found)
        {
            yield return new InputSource(path, Problem: "the directory holds no .yaml, .yml, .json or .jsonl files", ProblemIsNotice: true);
        }
    }

    /// <summary>The format a file's extension implies.</summary>
    public static DocumentFormat FormatOf(string path) => Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jsonl" or ".ndjson" => DocumentFormat.JsonLines,
        ".yaml" or ".yml" => DocumentFormat.Yaml,
        _ => DocumentFormat.Auto,
    };

    private static IEnumerable<InputSource> Walk(string root)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var files = new List<string>();
        var problems = new List<InputSource>();
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            if (!visited.Add(RealPath(directory)))
            {
                continue;
            }

            try
            {
                foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
                {
                    var name = Path.GetFileName(entry);
                    var entryPath = Path.Join(directory, name);
                    if (name.StartsWith('.'))
                    {
                        continue;
                    }

                    if (Directory.Exists(entryPath))
                    {
                        pending.Push(entryPath);
                    }
                    else if (Extensions.Contains(Path.GetExtension(name).ToLowerInvariant()))
                    {
                        files.Add(entryPath);
                    }
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                problems.Add(new InputSource(directory, Problem: "cannot list the directory: " + e.Message));
            }
        }

        // One order whatever the file system's: the paths, compared ordinally.
        files.Sort(StringComparer.Ordinal);
        return files.Select(f => new InputSource(f)).Concat(problems);
    }

    private static string RealPath(string directory)
    {
        try
        {
            var info = new DirectoryInfo(directory);
            return info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? info.FullName;
        }
        catch (IOException)
        {
            return Path.GetFullPath(directory);
        }
    }
}
