// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Reflection;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Formatting;

/// <summary>
/// Structural equality of syntax trees that ignores every <see cref="TextSpan"/>: walks <see cref="SyntaxNode.Children"/>
/// and compares node types and all other properties (names, literal values and texts, flags, operators, doc strings,
/// the text parts of interpolated strings). Returns the path of the first difference, or null when equal.
/// </summary>
internal static class SyntaxEquality
{
    public static string? FirstDifference(SyntaxNode expected, SyntaxNode actual) => Node(expected, actual, expected.GetType().Name);

    private static string? Node(SyntaxNode expected, SyntaxNode actual, string path)
    {
        if (expected.GetType() != actual.GetType())
        {
            return $"{path}: {expected.GetType().Name} became {actual.GetType().Name}";
        }

        foreach (var property in Properties(expected.GetType()))
        {
            var difference = Value(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null)
            {
                return difference;
            }
        }

        var expectedChildren = expected.Children.ToList();
        var actualChildren = actual.Children.ToList();
        if (expectedChildren.Count != actualChildren.Count)
        {
            return $"{path}: {expectedChildren.Count} children became {actualChildren.Count}";
        }

        for (var i = 0; i < expectedChildren.Count; i++)
        {
            var difference = Node(expectedChildren[i], actualChildren[i], $"{path}/{i}:{expectedChildren[i].GetType().Name}");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    /// <summary>
    /// The properties compared directly: all but spans. Node-valued ones are compared here too, because not every node
    /// is a child (a test's title is not).
    /// </summary>
    private static IEnumerable<PropertyInfo> Properties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name is not (nameof(SyntaxNode.Children) or "EqualityContract"))
            .Where(p => p.PropertyType != typeof(TextSpan));

    private static string? Value(object? expected, object? actual, string path)
    {
        switch (expected, actual)
        {
            case (null, null):
            case (TextSpan, TextSpan):
                return null;
            case (null, _) or (_, null):
                return $"{path}: {Show(expected)} became {Show(actual)}";
            case (SyntaxNode e, SyntaxNode a):
                return Node(e, a, path);
            case (string e, string a):
                return e == a ? null : $"{path}: {Show(e)} became {Show(a)}";
            case (IEnumerable e, IEnumerable a):
                var expectedItems = e.Cast<object?>().ToList();
                var actualItems = a.Cast<object?>().ToList();
                if (expectedItems.Count != actualItems.Count)
                {
                    return $"{path}: {expectedItems.Count} items became {actualItems.Count}";
                }

                for (var i = 0; i < expectedItems.Count; i++)
                {
                    var difference = Value(expectedItems[i], actualItems[i], $"{path}[{i}]");
                    if (difference is not null)
                    {
                        return difference;
                    }
                }

                return null;
        }

        var type = expected.GetType();
        if (type != actual.GetType())
        {
            return $"{path}: {type.Name} became {actual.GetType().Name}";
        }

        if (type.IsPrimitive || type.IsEnum || type == typeof(decimal))
        {
            return Equals(expected, actual) ? null : $"{path}: {Show(expected)} became {Show(actual)}";
        }

        // Any other record (an interpolation part): compare its properties the same way.
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract"))
        {
            var difference = Value(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}");
            if (difference is not null)
            {
                return difference;
            }
        }

        return null;
    }

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        _ => value.ToString() ?? string.Empty,
    };
}
