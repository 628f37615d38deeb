// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Compiler.Syntax;

namespace PolicyLang.Baselines.Printers;

/// <summary>The <c>.tokens</c> stage: every token and comment in source order, with its class and span.</summary>
internal static class TokenPrinter
{
    public static string Print(SyntaxTree tree)
    {
        var text = new StringBuilder();
        foreach (var token in tree.Tokens.Concat(tree.Comments).Distinct().OrderBy(t => t.Span.Start).ThenBy(t => t.Span.Length))
        {
            text.Append(Positions.Of(tree.Source, token.Span)).Append(' ').Append(token.Kind).Append(' ').Append(Positions.Quote(token.Text)).Append('\n');
        }

        return text.ToString();
    }
}
