// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Compiler.Diagnostics;

/// <summary>
/// Pragmas that silence warnings: <c>// policylang:disable-next-line PL0300 [PL0301…]</c> silences the codes on
/// the next line; without codes, every warning there. Errors cannot be silenced.
/// </summary>
internal sealed partial class DisabledLines
{
    private readonly Dictionary<int, HashSet<string>?> _lines = [];

    public static DisabledLines Of(SyntaxTree tree)
    {
        var result = new DisabledLines();
        foreach (var comment in tree.Comments)
        {
            var match = Pragma().Match(comment.Text);
            if (!match.Success)
            {
                continue;
            }

            var line = tree.Source.GetLinePosition(comment.Span.Start).Line + 1;
            var codes = match.Groups[1].Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
            result._lines[line] = codes.Length == 0 ? null : new HashSet<string>(codes, StringComparer.Ordinal);
        }

        return result;
    }

    public bool IsDisabled(int line, string code) => _lines.TryGetValue(line, out var codes) && (codes is null || codes.Contains(code));

    [GeneratedRegex(@"^//\s*policylang:disable-next-line\b\s*([A-Z0-9, ]*)")]
    private static partial Regex Pragma();
}
