// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Syntax;

/// <summary>The base of every immutable syntax node: the span of source it covers.</summary>
public abstract record SyntaxNode(TextSpan Span)
{
    /// <summary>The node's children in source order (for visitors, LSP lookups and printing).</summary>
    public abstract IEnumerable<SyntaxNode> Children { get; }

    /// <summary>This node and all its descendants, depth first, in source order.</summary>
    public IEnumerable<SyntaxNode> DescendantsAndSelf()
    {
        var stack = new Stack<SyntaxNode>();
        stack.Push(this);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            yield return node;
            foreach (var child in node.Children.Reverse())
            {
                stack.Push(child);
            }
        }
    }

    protected static IEnumerable<SyntaxNode> Of(params object?[] parts)
    {
        foreach (var part in parts)
        {
            switch (part)
            {
                case SyntaxNode node:
                    yield return node;
                    break;
                case IEnumerable<SyntaxNode> nodes:
                    foreach (var n in nodes)
                    {
                        yield return n;
                    }

                    break;
            }
        }
    }
}

/// <summary>A name as written, with its span. A missing name (syntax error) has empty text and <see cref="IsMissing"/>.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span, bool IsMissing = false) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => [];

    public override string ToString() => Name;
}

/// <summary>A dotted name: <c>kubernetes.pod_security.baseline</c>.</summary>
public sealed record QualifiedNameSyntax(IReadOnlyList<IdentifierSyntax> Parts, TextSpan Span) : SyntaxNode(Span)
{
    public string Text => string.Join('.', Parts.Select(p => p.Name));

    public override IEnumerable<SyntaxNode> Children => Parts;

    public override string ToString() => Text;
}

/// <summary>A type: <c>string</c>, <c>list&lt;string&gt;</c>, <c>map&lt;string, int&gt;</c>.</summary>
public sealed record TypeSyntax(IdentifierSyntax Name, IReadOnlyList<TypeSyntax> Arguments, TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name, Arguments);

    public override string ToString() => Arguments.Count == 0 ? Name.Name : $"{Name.Name}<{string.Join(", ", Arguments)}>";
}

/// <summary><c>@name(args)</c> before a declaration.</summary>
public sealed record AnnotationSyntax(IdentifierSyntax Name, IReadOnlyList<ExpressionSyntax> Arguments, TextSpan Span) : SyntaxNode(Span)
{
    public override IEnumerable<SyntaxNode> Children => Of(Name, Arguments);
}
