// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Utils;

/// <summary>
/// Converts between LSP document URIs and the paths the compiler names files by. A <c>file:</c> URI becomes its
/// local path (so test fixtures resolve beside the policy); any other URI (<c>untitled:</c>) is used as the path.
/// </summary>
public static class DocumentUri
{
    public static string ToPath(string uri)
    {
        if (Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile)
        {
            return Path.GetFullPath(parsed.LocalPath);
        }

        return uri;
    }

    public static string FromPath(string path) => new Uri(Path.GetFullPath(path)).AbsoluteUri;

    /// <summary>True when the URI names a file on disk.</summary>
    public static bool IsFile(string uri) => Uri.TryCreate(uri, UriKind.Absolute, out var parsed) && parsed.IsFile;
}
