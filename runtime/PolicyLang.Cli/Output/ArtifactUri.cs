// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Cli.Output;

/// <summary>
/// The URI of an input file for SARIF: a relative reference with forward slashes when the file is under the working
/// directory (code scanning resolves it against the checkout), an absolute <c>file:</c> URI otherwise.
/// </summary>
internal static class ArtifactUri
{
    public static string For(string file, string workingDirectory)
    {
        if (file == "-")
        {
            return "-";
        }

        var relative = file.Replace('\\', '/');
        if (Path.IsPathRooted(file))
        {
            var fromBase = Path.GetRelativePath(workingDirectory, file);
            if (fromBase.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(fromBase))
            {
                return new Uri(Path.GetFullPath(file)).AbsoluteUri;
            }

            relative = fromBase.Replace('\\', '/');
        }

        while (relative.StartsWith("./", StringComparison.Ordinal))
        {
            relative = relative[2..];
        }

        var escaped = new StringBuilder(relative.Length);
        foreach (var segment in relative.Split('/'))
        {
            if (escaped.Length > 0)
            {
                escaped.Append('/');
            }

            escaped.Append(Uri.EscapeDataString(segment));
        }

        return escaped.ToString();
    }
}
