// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Formatting.Layout;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using static PolicyLang.Compiler.Formatting.Layout.Doc;

namespace PolicyLang.Compiler.Formatting;

/// <summary>
/// Turns a syntax tree without errors into layout documents, one per top-level unit, walking the tree in source
/// order so that the <see cref="CommentQueue"/> can hand every comment to the first place reached after it.
/// See <see cref="PolicyFormatter"/> for the style.
/// </summary>
internal sealed partial class SyntaxPrinter
{
    private readonly SyntaxTree _tree;
    private readonly SourceText _source;
    private readonly CommentQueue _comments;

    private SyntaxPrinter(SyntaxTree tree)
    {
        _tree = tree;
        _source = tree.Source;
        _comments = new CommentQueue(tree);
    }

    public static IReadOnlyList<LayoutUnit> Print(SyntaxTree tree) => new SyntaxPrinter(tree).Units();

    /// <summary>One expression printed flat, or null when comments inside it would need lines of their own.</summary>
    public static Doc? PrintOneLine(SyntaxTree tree, ExpressionSyntax expression)
    {
        var printer = new SyntaxPrinter(tree);
        printer._comments.TakeBefore(expression.Span.Start);
        return printer._comments.AnyBefore(expression.Span.End) ? null : Flat(printer.Expression(expression));
    }

    private List<LayoutUnit> Units()
    {
        var root = _tree.Root;
        var units = new List<LayoutUnit>();
        if (root.Package is not null || root.Imports.Count > 0)
        {
            units.Add(Header(root));
        }

        foreach (var declaration in root.Declarations)
        {
            var mark = _comments.Taken;
            var doc = Declaration(declaration);
            units.Add(new LayoutUnit(doc, Widen(_comments.SpanOfTakenSince(mark, declaration.Span)), BlankLineBefore: true));
        }

        var rest = _comments.TakeRest();
        if (rest.Count > 0)
        {
            var span = rest.Select(c => c.Span).Aggregate((a, b) => a.Cover(b));
            units.Add(new LayoutUnit(CommentLines(rest, before: null), Widen(span), rest[0].BlankBefore));
        }

        return units;
    }

    /// <summary>The package declaration, then a blank line, then the imports sorted by name (each with its own comments).</summary>
    private LayoutUnit Header(CompilationUnitSyntax root)
    {
        var mark = _comments.Taken;
        var parts = new List<Doc>();
        var span = root.Package?.Span ?? root.Imports[0].Span;
        if (root.Package is { } package)
        {
            parts.Add(LeadingLines(package.Span.Start));
            parts.Add(AnnotationLines(package.Annotations));
            parts.Add(Plain("package "));
            parts.Add(QualifiedName(package.Name));
            parts.Add(Trailing(package.Span.End));
        }

        if (root.Imports.Count > 0)
        {
            if (root.Package is not null)
            {
                parts.Add(HardLine);
                parts.Add(HardLine);
            }

            // The comments above the first import head the import block (a file header, say); the others move with their import.
            parts.Add(LeadingLines(root.Imports[0].Span.Start));
            var imports = new List<(ImportSyntax Import, Doc Doc)>();
            foreach (var import in root.Imports)
            {
                span = span.Cover(import.Span);
                var leading = LeadingLines(import.Span.Start);
                var name = QualifiedName(import.Name);
                var alias = import.Alias is null ? Empty : Concat(Plain(" as "), Identifier(import.Alias));
                imports.Add((import, Concat(leading, Plain("import "), name, alias, Trailing(import.Span.End))));
            }

            var sorted = imports
                .OrderBy(i => i.Import.Name.Text, StringComparer.Ordinal)
                .ThenBy(i => i.Import.Alias?.Name ?? string.Empty, StringComparer.Ordinal)
                .Select(i => i.Doc);
            parts.Add(Join(HardLine, sorted));
        }

        return new LayoutUnit(Concat(parts), Widen(_comments.SpanOfTakenSince(mark, span)), BlankLineBefore: true);
    }

    /// <summary>A unit's source span, widened to the start of its line when only indentation precedes it.</summary>
    private TextSpan Widen(TextSpan span) => TextSpan.FromBounds(_comments.LineStartIfIndented(span.Start), span.End);

    private static Doc Join(Doc separator, IEnumerable<Doc> docs)
    {
        var parts = new List<Doc>();
        foreach (var doc in docs)
        {
            if (parts.Count > 0)
            {
                parts.Add(separator);
            }

            parts.Add(doc);
        }

        return Concat(parts);
    }

    // ---- names ---------------------------------------------------------------------------------------------

    /// <summary>An identifier exactly as written (backquotes included), after any comment before it.</summary>
    private Doc Identifier(IdentifierSyntax identifier) =>
        identifier.IsMissing ? Empty : Concat(Inline(identifier.Span.Start), Plain(_source[identifier.Span]));

    private Doc QualifiedName(QualifiedNameSyntax name) => Join(Plain("."), name.Parts.Select(Identifier));

    private Doc Type(TypeSyntax type) =>
        type.Arguments.Count == 0
            ? Identifier(type.Name)
            : Concat(Identifier(type.Name), Plain("<"), Join(Plain(", "), type.Arguments.Select(Type)), Plain(">"));
}
