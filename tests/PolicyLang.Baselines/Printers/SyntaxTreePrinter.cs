// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Reflection;
using System.Text;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Baselines.Printers;

/// <summary>
/// The <c>.syntax</c> stage: the AST as an indented tree. Each node prints its record type and span, then its scalar
/// properties on the same line and its child nodes below, by property name (read by reflection, so a new node kind or
/// property shows up without touching the printer).
/// </summary>
internal static class SyntaxTreePrinter
{
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "Span", "Children", "EqualityContract" };

    public static string Print(SyntaxTree tree)
    {
        var text = new StringBuilder();
        Node(tree.Source, tree.Root, null, 0, text);
        return text.ToString();
    }

    private static void Node(SourceText source, SyntaxNode node, string? label, int depth, StringBuilder text)
    {
        var pad = new string(' ', depth * 2);
        text.Append(pad).Append(label is null ? string.Empty : label + ": ").Append(node.GetType().Name).Append(' ').Append(Positions.Of(source, node.Span));
        var children = new List<(string Name, object Value)>();
        foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !Skipped.Contains(p.Name) && p.GetIndexParameters().Length == 0))
        {
            var value = property.GetValue(node);
            switch (value)
            {
                case IdentifierSyntax identifier:
                    text.Append(' ').Append(property.Name).Append('=').Append(identifier.IsMissing ? "<missing>" : Positions.Quote(identifier.Name));
                    break;
                case SyntaxNode child:
                    children.Add((property.Name, child));
                    break;
                case IEnumerable list and not string when list.Cast<object?>().Any(i => i is SyntaxNode):
                    children.Add((property.Name, list));
                    break;
                case IEnumerable list and not string:
                    var items = list.Cast<object?>().Select(Scalar).ToArray();
                    if (items.Length > 0)
                    {
                        text.Append(' ').Append(property.Name).Append("=[").Append(string.Join(", ", items)).Append(']');
                    }

                    break;
                case null or false:
                    break;
                case TextSpan span:
                    text.Append(' ').Append(property.Name).Append('=').Append(Positions.Of(source, span));
                    break;
                default:
                    text.Append(' ').Append(property.Name).Append('=').Append(Scalar(value));
                    break;
            }
        }

        text.Append('\n');
        foreach (var (name, value) in children)
        {
            if (value is SyntaxNode child)
            {
                Node(source, child, name, depth + 1, text);
                continue;
            }

            var index = 0;
            foreach (var item in ((IEnumerable)value).OfType<SyntaxNode>())
            {
                Node(source, item, $"{name}[{index++}]", depth + 1, text);
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => Positions.Quote(s),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };
}
