// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler;

/// <summary>
/// Position-based questions editors ask (completion, hover, navigation, rename). They read what binding recorded —
/// references, expression types, scopes — and never bind again.
/// </summary>
public sealed partial class SemanticModel
{
    /// <summary>
    /// The nodes of a file that cover a position, from the root to the innermost. A node covers a cursor position
    /// inside it or just after its end; a child containing the position wins over one that only touches it.
    /// </summary>
    public static IReadOnlyList<SyntaxNode> NodesAt(SyntaxTree tree, int position)
    {
        var path = new List<SyntaxNode>();
        SyntaxNode? node = tree.Root;
        while (node is not null)
        {
            path.Add(node);
            SyntaxNode? next = null;
            foreach (var child in node.Children)
            {
                if (child.Span.Contains(position))
                {
                    next = child;
                    break;
                }

                if (child.Span.ContainsOrTouches(position))
                {
                    next = child;
                }
            }

            node = next;
        }

        return path;
    }

    /// <summary>The innermost node covering a position (the root when nothing smaller does).</summary>
    public static SyntaxNode NodeAt(SyntaxTree tree, int position) => NodesAt(tree, position)[^1];

    /// <summary>Every place that refers to the symbol, its definition included, in file and position order.</summary>
    public IReadOnlyList<SymbolReference> ReferencesTo(Symbol symbol) =>
        _binding.References.Where(r => ReferenceEquals(r.Symbol, symbol))
            .OrderBy(r => r.Tree.Source.Path, StringComparer.Ordinal)
            .ThenBy(r => r.Span.Start)
            .ToArray();

    /// <summary>The package a file's declarations belong to.</summary>
    public PackageSymbol? PackageOf(SyntaxTree tree) => _binding.Packages.GetValueOrDefault(tree.PackageName);

    /// <summary>
    /// The symbols a name written at a position can refer to, nearest first: the local variables in scope
    /// (declared before the position), then the members of the file's package, then the file's imports.
    /// </summary>
    public IReadOnlyList<Symbol> SymbolsInScope(SyntaxTree tree, int position)
    {
        var result = new List<Symbol>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodes = NodesAt(tree, position);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (_binding.ScopesAtNodes.TryGetValue(nodes[i], out var scope))
            {
                foreach (var local in scope.AllVisible())
                {
                    if (local.Kind != LocalKind.Index && local.DeclarationSpan.End <= position && seen.Add(local.Name))
                    {
                        result.Add(local);
                    }
                }

                break;
            }
        }

        if (PackageOf(tree) is { } package)
        {
            result.AddRange(package.Members.Values.Where(m => seen.Add(m.Name)).OrderBy(m => m.Name, StringComparer.Ordinal));
        }

        result.AddRange(ImportsOf(tree).Values.Where(i => seen.Add(i.Name)).OrderBy(i => i.Name, StringComparer.Ordinal));
        return result;
    }

    /// <summary>
    /// For a member name at a position (<c>receiver.|</c>, <c>receiver.na|me</c>, <c>receiver.f|(…)</c>), what is
    /// before the dot: its type when it is a value, or the package when it names an import.
    /// </summary>
    public ReceiverInfo? ReceiverAt(SyntaxTree tree, int position)
    {
        var nodes = NodesAt(tree, position);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            var (receiver, member) = nodes[i] switch
            {
                MemberAccessExpressionSyntax access => (access.Target, access.Member),
                CallExpressionSyntax { Receiver: { } target } call => (target, call.Function),
                _ => (null, null),
            };
            if (receiver is null || member is null || !member.Span.ContainsOrTouches(position))
            {
                continue;
            }

            var package = receiver is NameExpressionSyntax name && SymbolAt(tree, name.Name.Span.Start) is { Symbol: PackageSymbol p } ? p : null;
            return new ReceiverInfo(receiver, member, package is null ? TypeOf(receiver) : null, package);
        }

        return null;
    }

    /// <summary>The schema field a member access at a position reads, with the object type that declares it.</summary>
    public FieldReference? FieldAt(SyntaxTree tree, int position)
    {
        var nodes = NodesAt(tree, position);
        for (var i = nodes.Count - 1; i >= 0; i--)
        {
            if (nodes[i] is MemberAccessExpressionSyntax access && access.Member.Span.ContainsOrTouches(position)
                && TypeOf(access.Target) is ObjectType owner && owner.Fields.TryGetValue(access.Member.Name, out var field))
            {
                return new FieldReference(access, owner, field);
            }
        }

        return null;
    }
}

/// <summary>What stands before the dot of a member access: the expression, the member name, and its type or package.</summary>
public sealed record ReceiverInfo(ExpressionSyntax Receiver, IdentifierSyntax Member, TypeSymbol? Type, PackageSymbol? Package);

/// <summary>A member access that reads a schema field: <see cref="Owner"/> declares <see cref="Field"/>.</summary>
public sealed record FieldReference(MemberAccessExpressionSyntax Syntax, ObjectType Owner, FieldSymbol Field);
