// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using CsCheck;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;
using PolicyLang.Properties.Generators;
using Xunit.Abstractions;

namespace PolicyLang.Properties;

/// <summary>
/// The front end never crashes: on arbitrary text, token soups of the grammar's tokens, mutated valid policies and
/// deep nesting, <see cref="PolicyParser.Parse"/> returns a tree with diagnostics (whose spans lie inside the text)
/// and never throws; binding the tree never throws either.
/// </summary>
public sealed class ParserProperties
{
    private static readonly string[] Tokens =
    [
        "package", "import", "rule", "on", "when", "for", "in", "where", "let", "if", "then", "else", "deny", "warn", "audit", "alert",
        "mutate", "at", "func", "list", "const", "param", "test", "expect", "given", "and", "or", "not", "true", "false", "null",
        "as", "match", "exclude", "except", "because", "from", "with", "no", "any", "all", "count", "set", "remove", "message",
        "==", "!=", "<=", ">=", "<", ">", "??", "+", "-", "*", "/", "%", "=", ".", ",", ":", ";", "(", ")", "[", "]", "{", "}", "@",
        "w", "c", "x", "workload", "manifest", "event", "image", "host", "admission", "w.allContainers", "c.name", "`kubernetes.io/x`",
        "0", "42", "1_000", "2.5", "1e3", "9223372036854775808", "\"s\"", "\"{x}\"", "\"a{\"b\"}c\"", "\"\\u0041\\n\"", "\"unterminated", "\"\"\"raw\n text\"\"\"",
        "// comment\n", "/* block */", "/// doc\n", "/* open", "\n", "\t", "#", "$", "\\", "~", "'", "é", "\u0000",
    ];

    /// <summary>What ANTLR's own messages say; users see PolicyLang's coded messages instead.</summary>
    private static readonly string[] AntlrPhrases = ["mismatched input", "extraneous input", "no viable alternative", "token recognition error", "<EOF>", "missing {", "expecting {", "at input"];

    private readonly ITestOutputHelper _output;

    public ParserProperties(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Parsing_arbitrary_text_never_throws()
    {
        Gen.OneOf(Gen.String, Gen.String[Gen.Char["(){}[]\"'`.,:;=<>!?+-*/%@#\\ \n\tabcxyz0123456789_"], 0, 200])
            .Sample(FrontEndSurvives, iter: 3000);
    }

    [Fact]
    public void Parsing_token_soups_never_throws()
    {
        Gen.OneOf(Tokens).Array[0, 120].Select(Gen.Bool.Array[120], (tokens, newlines) => string.Concat(tokens.Select((t, i) => t + (newlines[i] ? "\n" : " "))))
            .Sample(FrontEndSurvives, iter: 2000);
    }

    [Fact]
    public void Parsing_mutated_policies_never_throws()
    {
        var valid = PolicyGenerator.Policy(maxRules: 3);
        var mutations = new ConcurrentBag<int>();
        (from policy in valid
         from edits in Gen.Select(Gen.Int[0, 3], Gen.Int[0, int.MaxValue], Gen.Int[0, 40], Gen.OneOf(Tokens)).Array[1, 6]
         select Mutate(policy, edits))
            .Sample(
                text =>
                {
                    FrontEndSurvives(text);
                    mutations.Add(1);
                },
                iter: 300);
        _output.WriteLine($"{mutations.Count} mutated policies parsed and bound");
    }

    [Theory]
    [InlineData("(", ")", "1")]
    [InlineData("[", "]", "1")]
    [InlineData("{", "}", "1")]
    [InlineData("not ", "", "true")]
    [InlineData("-", "", "1")]
    [InlineData("- ", "", "1")]
    [InlineData("if true then 1 else ", "", "2")]
    [InlineData("any(x in [1]: ", ")", "true")]
    [InlineData("f(", ")", "1")]
    [InlineData("a.", "", "b")]
    [InlineData("1 + ", "", "1")]
    [InlineData("true and ", "", "true")]
    [InlineData("1 ?? ", "", "1")]
    [InlineData("[x for x in ", "]", "[1]")]
    [InlineData("\"{", "}\"", "1")]
    public void Deep_nesting_is_reported_not_crashed(string open, string close, string inner)
    {
        // Interpolations are kept shallower: the parser is superlinear in their depth (see KnownCompilerBugs).
        var depths = open.Contains('"', StringComparison.Ordinal) ? new[] { 1, 10, 100, 300 } : [1, 10, 100, 199, 200, 201, 400, 401, 1000, 5000, 20000];
        foreach (var depth in depths)
        {
            var expression = string.Concat(Enumerable.Repeat(open, depth)) + inner + string.Concat(Enumerable.Repeat(close, depth));
            FrontEndSurvives($"package p\n@severity(high)\nrule r on workload w {{\n  deny \"x\" when {expression} == 1\n}}\n");
            FrontEndSurvives($"package p\nconst k = {expression}\n");
            FrontEndSurvives(expression);
        }
    }

    [Fact]
    public void Deep_nesting_of_blocks_and_statements_is_reported_not_crashed()
    {
        foreach (var depth in new[] { 1, 50, 200, 1000, 10000 })
        {
            FrontEndSurvives("package p\n@severity(high)\nrule r on workload w " + string.Concat(Enumerable.Repeat("{ if true ", depth)) + "deny \"x\"" + new string('}', depth + 1) + "\n");
            FrontEndSurvives("package p\n@severity(high)\nrule r on workload w {" + string.Concat(Enumerable.Repeat(" for x in w.allContainers", depth)) + " deny \"x\" }\n");
            FrontEndSurvives(string.Concat(Enumerable.Repeat("package p\n", depth)));
            FrontEndSurvives(string.Concat(Enumerable.Repeat("@a(", depth)));
        }
    }

    /// <summary>Parses and binds text; the test fails if either throws or a diagnostic points outside the text.</summary>
    private static void FrontEndSurvives(string text)
    {
        var source = new SourceText("fuzz.policy", text);
        SyntaxTree tree;
        try
        {
            tree = PolicyParser.Parse(source);
        }
        catch (Exception e)
        {
            throw new ShouldAssertException($"PolicyParser.Parse threw {e.GetType().Name}: {e.Message}\n--- input ({text.Length} chars) ---\n{Shorten(text)}", e);
        }

        tree.Root.ShouldNotBeNull();
        foreach (var diagnostic in tree.Diagnostics)
        {
            (diagnostic.Span.Start >= 0 && diagnostic.Span.Start + diagnostic.Span.Length <= text.Length)
                .ShouldBeTrue($"{diagnostic} has span {diagnostic.Span} outside the text ({text.Length} chars)\n--- input ---\n{Shorten(text)}");
            AntlrPhrases.Any(p => diagnostic.Message.Contains(p, StringComparison.Ordinal))
                .ShouldBeFalse($"a raw ANTLR message reached the user: {diagnostic}\n--- input ---\n{Shorten(text)}");
        }

        try
        {
            _ = Compilation.Create([tree]).GetDiagnostics();
        }
        catch (Exception e)
        {
            throw new ShouldAssertException($"Binding threw {e.GetType().Name}: {e.Message}\n--- input ({text.Length} chars) ---\n{Shorten(text)}", e);
        }
    }

    private static string Mutate(string policy, (int Kind, int Position, int Length, string Token)[] edits)
    {
        var text = policy;
        foreach (var (kind, position, length, token) in edits)
        {
            var at = text.Length == 0 ? 0 : position % text.Length;
            var count = Math.Min(length, text.Length - at);
            text = kind switch
            {
                0 => text.Remove(at, count),
                1 => text.Insert(at, token),
                2 => text.Insert(at, text.Substring(at, count)),
                _ => text.Remove(at, count).Insert(at, token),
            };
        }

        return text;
    }

    private static string Shorten(string text) => text.Length <= 2000 ? text : text[..1000] + "\n…\n" + text[^1000..];
}
