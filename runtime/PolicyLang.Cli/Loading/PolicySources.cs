// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Cli.Loading;

/// <summary>Finds and reads the .policy files named on the command line (files, or directories searched recursively).</summary>
internal static class PolicySources
{
    public const string Extension = ".policy";

    public static (IReadOnlyList<SourceText> Sources, IReadOnlyList<string> Errors) Read(IEnumerable<string> paths, IFileSystem files)
    {
        var sources = new List<SourceText>();
        var errors = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in paths)
        {
            IEnumerable<string> found;
            if (files.DirectoryExists(path))
            {
                found = files.EnumerateFiles(path, Extension);
            }
            else if (files.FileExists(path))
            {
                found = [path];
            }
            else
            {
                errors.Add($"{path}: no such file or directory");
                continue;
            }

            foreach (var file in found)
            {
                var normalized = Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(file));
                if (!seen.Add(Path.GetFullPath(file)))
                {
                    continue;
                }

                try
                {
                    sources.Add(new SourceText(normalized.StartsWith("..", StringComparison.Ordinal) ? file : normalized, files.ReadAllText(file)));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    errors.Add($"{file}: cannot read: {e.Message}");
                }
            }
        }

        return (sources, errors);
    }
}
