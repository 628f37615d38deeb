// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Baselines.Printers;

/// <summary>
/// The <c>.bound</c> stage: the typed bound program as an indented tree. Bound records print their type name, their
/// expression type and their scalar properties; symbols print as <c>kind name</c>, types by name; back-pointers to
/// syntax are left out (the <c>.syntax</c> stage shows them).
/// </summary>
internal static class BoundTreePrinter
{
    // Path is computed from the node's children (its FieldPath, ElementPath… are printed); Syntax is the back-pointer.
    private static readonly HashSet<string> Skipped = new(StringComparer.Ordinal) { "Syntax", "EqualityContract", "IsConstant", "Tree", "Span", "Path" };

    public static string Print(BoundProgram program)
    {
        var text = new StringBuilder();
        foreach (var package in program.Packages.OrderBy(p => p.Symbol.Name, StringComparer.Ordinal))
        {
            Node(package, null, 0, text);
        }

        return text.ToString();
    }

    private static bool IsNode(object? value) => value is not null and not BoundPath and not PathSegment and not IEnumerable && !value.GetType().IsValueType && value.GetType().Namespace == typeof(BoundProgram).Namespace;

    private static void Node(object node, string? label, int depth, StringBuilder text)
    {
        var type = node.GetType();
        if (depth > 100)
        {
            throw new InvalidOperationException("the bound tree is deeper than 100 levels at " + text.ToString()[^2000..]);
        }

        text.Append(new string(' ', depth * 2)).Append(label is null ? string.Empty : label + ": ").Append(type.Name);
        if (node is BoundExpression expression)
        {
            text.Append(" : ").Append(expression.Type.Name);
        }

        var children = new List<(string Name, object Value)>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => !Skipped.Contains(p.Name) && p.GetIndexParameters().Length == 0))
        {
            if (node is BoundExpression && property.Name is "Type" or "ResultType")
            {
                continue;
            }

            var value = property.GetValue(node);
            switch (value)
            {
                case null or SyntaxNode:
                    break;
                case var child when IsNode(child):
                    children.Add((property.Name, child));
                    break;
                case IEnumerable list and not string and not IDictionary when list.Cast<object?>().Any(i => IsNode(i) || i is ITuple):
                    children.Add((property.Name, list));
                    break;
                case IEnumerable list and not string and not IDictionary:
                    var items = list.Cast<object?>().Select(Scalar).ToArray();
                    if (items.Length > 0)
                    {
                        text.Append(' ').Append(property.Name).Append("=[").Append(string.Join(", ", items)).Append(']');
                    }

                    break;
                default:
                    var scalar = Scalar(value);
                    if (scalar.Length > 0)
                    {
                        text.Append(' ').Append(property.Name).Append('=').Append(scalar);
                    }

                    break;
            }
        }

        text.Append('\n');
        foreach (var (name, value) in children)
        {
            if (IsNode(value))
            {
                Node(value, name, depth + 1, text);
                continue;
            }

            var index = 0;
            foreach (var item in ((IEnumerable)value).Cast<object?>())
            {
                if (item is not null && IsNode(item))
                {
                    Node(item, $"{name}[{index}]", depth + 1, text);
                }
                else if (item is ITuple tuple)
                {
                    // Map literal entries: (key, value).
                    for (var part = 0; part < tuple.Length; part++)
                    {
                        if (tuple[part] is { } element && IsNode(element))
                        {
                            Node(element, $"{name}[{index}].{(part == 0 ? "Key" : "Value")}", depth + 1, text);
                        }
                    }
                }

                index++;
            }
        }
    }

    private static string Scalar(object? value) => value switch
    {
        null => "null",
        string s => Positions.Quote(s),
        bool b => b ? "true" : "false",
        TypeSymbol t => t.Name,
        BoundPath path => PathText(path),
        LocalSymbol l => $"local {l.Name}: {l.Type.Name}",
        Symbol s => $"{s.KindName} {s.Name}",
        FieldSymbol f => $"field {f.Name}: {f.Type.Name}",
        BuiltinOverload o => o.Signature,
        IDictionary map => "{" + string.Join(", ", map.Keys.Cast<object>().Select(k => $"{k}={Scalar(map[k])}")) + "}",
        Runtime.Scopes.RuleScope scope => Scope(scope),
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? string.Empty,
    };

    /// <summary>A path as the JSON pointer it builds: fixed text, and the expressions or locals that fill the rest.</summary>
    private static string PathText(BoundPath path) => "\"" + string.Concat(path.Segments.Select(segment => segment switch
    {
        StaticPathSegment s => s.Text,
        AbsolutePathSegment a => "<abs>" + a.Text,
        PropertyPathSegment p => $"<{p.Property}>{p.Suffix}",
        ElementPathSegment e => $"<{e.PathsProperty}[{e.Index.Name}]>",
        IndexedElementPathSegment e => $"<{e.PathsProperty}[{e.Index.GetType().Name}]>",
        ChoicePathSegment c => "<" + string.Join(" | ", c.Alternatives.Select(PathText)) + $" by {c.Index.Name}>",
        LoopIndexPathSegment l => $"/<{l.Index.Name}>",
        IndexPathSegment i => $"/<{i.Index.GetType().Name}>",
        KeyPathSegment k => $"/<key {k.Key.GetType().Name}>",
        _ => "/<" + segment.GetType().Name + ">",
    })) + "\"";

    /// <summary>The non-empty parts of a rule's scope.</summary>
    private static string Scope(Runtime.Scopes.RuleScope scope)
    {
        var parts = scope.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract" && p.GetIndexParameters().Length == 0)
            .Select(p => (p.Name, Value: p.GetValue(scope)))
            .Where(p => p.Value is not null && (p.Value is not IEnumerable list || p.Value is string || list.Cast<object>().Any()) && p.Value is not false)
            .Select(p => $"{p.Name}={(p.Value is IEnumerable list && p.Value is not string ? "[" + string.Join(", ", list.Cast<object?>().Select(Scalar)) + "]" : Scalar(p.Value))}");
        return "{" + string.Join(", ", parts) + "}";
    }
}
