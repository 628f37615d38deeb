// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Tests.Baselines;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler.Tests.Diagnostics;

/// <summary>
/// The closed catalogue of diagnostics, checked by reflection: unique stable codes in their stage's range, one factory
/// method per code (and one code per factory), messages in one style, and a documentation anchor for every code
/// (<c>docs/diagnostics.md</c>, regenerated with <c>POLICYLANG_SET_BASELINE=1</c>).
/// </summary>
public sealed partial class DiagnosticCatalogTests
{
    private static readonly SourceText Source = new("catalogue.policy", "package p\n");

    public static TheoryData<string> Codes() => [.. DiagnosticCatalog.All.Select(d => d.Code)];

    [Fact]
    public void Codes_are_unique_and_in_the_range_of_their_stage()
    {
        var descriptors = DiagnosticCatalog.All;
        descriptors.Select(d => d.Code).ShouldBeUnique();
        descriptors.Select(d => d.Title).Where(t => descriptors.Count(d => d.Title == t) > 1).ShouldBeEmpty("titles name one problem each");
        foreach (var descriptor in descriptors)
        {
            CodeShape().IsMatch(descriptor.Code).ShouldBeTrue(descriptor.Code);
            var number = int.Parse(descriptor.Code[2..], System.Globalization.CultureInfo.InvariantCulture);
            (number / 100).ShouldBe((int)descriptor.Stage, $"{descriptor.Code} is a {descriptor.Stage} code");
        }
    }

    [Fact]
    public void Every_code_has_exactly_one_factory_method_and_every_factory_makes_one_code()
    {
        var factories = typeof(DiagnosticCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Where(m => m.ReturnType == typeof(Diagnostic))
            .ToArray();
        var made = factories.Select(m => (Method: m.Name, Code: Invoke(m).Code)).ToArray();
        made.Select(m => m.Code).ShouldBeUnique("one factory method per code");
        made.Select(m => m.Code).Order(StringComparer.Ordinal).ShouldBe(DiagnosticCatalog.All.Select(d => d.Code), "every code has a factory");
        foreach (var (method, code) in made)
        {
            var descriptor = DiagnosticCatalog.Find(code).ShouldNotBeNull();
            typeof(DiagnosticCatalog).GetField(method + "Descriptor").ShouldNotBeNull($"{method} makes {code}, whose descriptor is named after it").GetValue(null).ShouldBe(descriptor);
        }
    }

    [Fact]
    public void Every_factory_fills_its_message_and_keeps_its_span()
    {
        foreach (var factory in typeof(DiagnosticCatalog).GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => m.ReturnType == typeof(Diagnostic)))
        {
            var diagnostic = Invoke(factory);
            diagnostic.Span.ShouldBe(new TextSpan(2, 3), factory.Name);
            diagnostic.Source.ShouldBeSameAs(Source);
            diagnostic.Message.ShouldNotContain("{0}", Case.Sensitive, factory.Name);
            diagnostic.Message.ShouldNotContain("{1}", Case.Sensitive, factory.Name);
            diagnostic.ToString().ShouldStartWith($"catalogue.policy:1:3: {diagnostic.Level.ToString().ToLowerInvariant()} {diagnostic.Code}: ");
        }
    }

    [Theory]
    [MemberData(nameof(Codes))]
    public void Messages_follow_one_style(string code)
    {
        // Cedar's style: a lower-case start, no final period, no exclamation, name the thing in quotes.
        var descriptor = DiagnosticCatalog.Find(code).ShouldNotBeNull();
        var message = descriptor.MessageFormat;
        char.IsUpper(message[0]).ShouldBeFalse(message);
        message.EndsWith('.').ShouldBeFalse(message);
        message.ShouldNotContain('!');
        descriptor.Title.ShouldNotBeNullOrWhiteSpace();
        char.IsUpper(descriptor.Title[0]).ShouldBeTrue(descriptor.Title);
    }

    [Fact]
    public void Every_code_is_documented()
    {
        var text = new StringBuilder();
        text.Append("# Diagnostics\n\n");
        text.Append("Every diagnostic the compiler reports, by code. Codes are stable; each family has its range: PL00xx syntax,\n");
        text.Append("PL01xx binding, PL02xx types, PL03xx lint, PL04xx code generation. Warnings and infos can be silenced on the next\n");
        text.Append("line with `// policylang:disable-next-line PLxxxx`; errors cannot. Generated from the catalogue\n");
        text.Append("(`compiler/PolicyLang.Compiler/Diagnostics`); `DiagnosticCatalogTests` fails when this page is out of date.\n");
        foreach (var stage in DiagnosticCatalog.All.GroupBy(d => d.Stage))
        {
            text.Append($"\n## {stage.Key}\n\n| code | level | title | message |\n|---|---|---|---|\n");
            foreach (var descriptor in stage)
            {
                var message = descriptor.MessageFormat.Replace("|", "\\|", StringComparison.Ordinal);
                text.Append($"| <a id=\"{descriptor.Code}\"></a>{descriptor.Code} | {descriptor.Level.ToString().ToLowerInvariant()} | {descriptor.Title} | {message} |\n");
            }
        }

        BaselineAssert.Matches(Path.Combine("..", "..", "docs", "diagnostics.md"), text.ToString());
    }

    private static Diagnostic Invoke(MethodInfo factory)
    {
        var arguments = factory.GetParameters().Select(p => p.ParameterType switch
        {
            var t when t == typeof(SourceText) => Source,
            var t when t == typeof(TextSpan) => new TextSpan(2, 3),
            var t when t == typeof(string) => (object)"x",
            var t when t == typeof(int) => 2,
            var t when t == typeof(IReadOnlyList<string>) => new[] { "a", "b" },
            var t => throw new InvalidOperationException($"{factory.Name} takes a {t.Name}: teach the test to make one"),
        }).ToArray();
        return (Diagnostic)(factory.Invoke(null, arguments) ?? throw new InvalidOperationException(factory.Name));
    }

    [GeneratedRegex("^PL[0-4][0-9]{3}$")]
    private static partial Regex CodeShape();
}
