// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using PolicyLang.Runtime.Builtins;

namespace PolicyLang.Runtime.Tests.Builtins;

/// <summary>
/// Prepared patterns turn strings away by their literal start and end before the regex runs. That must never change
/// an answer: every pattern below is checked against the plain regex on inputs built from its own pieces (so that
/// near misses, exact matches and final line feeds all occur), and the prepared overloads against the plain built-ins.
/// </summary>
public sealed class PreparedPatternTests
{
    private static readonly string[] RegexPatterns =
    [
        "^/proc/[0-9]+/environ$", "^nginx:[0-9.]+$", "^ab*c", "^ab?", "^a+b$", "^abc$", "abc$", "^abc", "abc", "^a{2}b",
        "^(ab)+c$", @"^a\.b$", @"\.yaml$", @"\$$", @"a\$", @"^\d+x$", @"x\d$", "^abc|def$", "(?i)^abc$", "^(?i)abc",
        "^[ab]c$", "^.$", "^$", "$", "^", "^a*$", "b+$", "^/etc/(passwd|shadow)$", "^x(?:y)z$", @"^a\\$", @"^a\\\$", "^é+ü$",
    ];

    private static readonly string[] GlobPatterns =
    [
        "/root/.ssh/id_*", "/home/*/.ssh/id_*", "a/**", "a/**/b", "**/b", "**", "*.yaml", "charts/**/*.{yaml,yml}", "a?c",
        "[ab]c", "[!a]b", "{x,y}z", "abc", "a/*/c", @"a\*b", "a,b", "*", "a/", "/a/**/", "**/", "x{a,b/**}",
    ];

    private static readonly string[] Pieces = ["", "a", "b", "c", "ab", "abc", "/", ".", "x", "y", "z", "1", "12", "\n", "$", "\\", "A", "ABC", "é", "ü", "yaml", "yml", "/proc/", "environ", "nginx:", "id_", ".ssh/", "root", "home"];

    [Fact]
    public void A_prepared_regex_answers_as_the_plain_regex_on_every_input()
    {
        foreach (var pattern in RegexPatterns)
        {
            var plain = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            var prepared = RegexBuiltins.Prepare(pattern);
            prepared.Error.ShouldBeNull(pattern);
            foreach (var input in Inputs(pattern))
            {
                prepared.IsMatch(input).ShouldBe(plain.IsMatch(input), $"pattern {pattern}, input '{Escape(input)}'");
                RegexBuiltins.Matches(input, prepared).ShouldBe(RegexBuiltins.Matches(input, pattern), $"pattern {pattern}, input '{Escape(input)}'");
            }
        }
    }

    [Fact]
    public void A_prepared_glob_answers_as_the_plain_glob_on_every_input()
    {
        foreach (var separator in new[] { "/", ".", "" })
        {
            foreach (var pattern in GlobPatterns)
            {
                var translated = GlobBuiltins.Translate(pattern, separator, out var error) ?? throw new InvalidOperationException(error);
                var plain = new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
                var prepared = GlobBuiltins.PrepareWithSeparator(pattern, separator);
                foreach (var input in Inputs(pattern))
                {
                    prepared.IsMatch(input).ShouldBe(plain.IsMatch(input), $"glob {pattern} (separator '{separator}'), input '{Escape(input)}'");
                    GlobBuiltins.Glob(input, prepared).ShouldBe(GlobBuiltins.Glob(input, pattern, separator), $"glob {pattern}, input '{Escape(input)}'");
                }
            }
        }
    }

    [Fact]
    public void The_prepared_forms_of_the_other_regex_built_ins_give_the_plain_results()
    {
        var inputs = new[] { "a1b22c333", "", "none", "v1.27.3", "x,y;z" };
        foreach (var (pattern, input) in from p in new[] { "[0-9]+", "^v([0-9]+)\\.([0-9]+)", "[,;]", "^$" } from i in inputs select (p, i))
        {
            var prepared = RegexBuiltins.Prepare(pattern);
            RegexBuiltins.RegexFind(input, prepared).ShouldBe(RegexBuiltins.RegexFind(input, pattern));
            RegexBuiltins.RegexFindAll(input, prepared).ShouldBe(RegexBuiltins.RegexFindAll(input, pattern));
            RegexBuiltins.RegexFindGroups(input, prepared).ShouldBe(RegexBuiltins.RegexFindGroups(input, pattern));
            RegexBuiltins.RegexReplace(input, prepared, "#").ShouldBe(RegexBuiltins.RegexReplace(input, pattern, "#"));
            RegexBuiltins.RegexSplit(input, prepared).ShouldBe(RegexBuiltins.RegexSplit(input, pattern));
        }

        RegexBuiltins.RegexFind(null, RegexBuiltins.Prepare("a")).ShouldBeNull();
        RegexBuiltins.Matches(null, RegexBuiltins.Prepare("a")).ShouldBeFalse();
        GlobBuiltins.Glob(null, GlobBuiltins.Prepare("*")).ShouldBeFalse();
    }

    [Fact]
    public void An_invalid_prepared_pattern_fails_where_it_is_used_with_the_plain_error()
    {
        var regex = RegexBuiltins.Prepare("(");
        regex.Error.ShouldNotBeNull();
        Should.Throw<ArgumentException>(() => RegexBuiltins.Matches("a", regex)).Message
            .ShouldBe(Should.Throw<ArgumentException>(() => RegexBuiltins.Matches("a", "(")).Message);
        RegexBuiltins.Matches(null, regex).ShouldBeFalse(); // an absent string is false before the pattern is used, as in the plain call

        var glob = GlobBuiltins.Prepare("{a");
        Should.Throw<ArgumentException>(() => GlobBuiltins.Glob("a", glob)).Message
            .ShouldBe(Should.Throw<ArgumentException>(() => GlobBuiltins.Glob("a", "{a")).Message);
    }

    [Theory]
    [InlineData("^/proc/[0-9]+/environ$", "/proc/", "/environ")]
    [InlineData("^ab*c", "a", "")]
    [InlineData("^abc|def$", "", "")]
    [InlineData("(?i)^abc$", "", "")]
    [InlineData(@"^\d+x$", "", "x")]
    [InlineData(@"\$$", "", "")]
    [InlineData(@"^a\\$", "a", "")]
    public void Regex_affixes_are_the_literal_text_at_anchored_ends(string pattern, string prefix, string suffix)
    {
        var affixes = PatternAffixes.OfRegex(pattern);
        affixes.Prefix.ShouldBe(prefix);
        affixes.Suffix.ShouldBe(suffix);
    }

    [Theory]
    [InlineData("/root/.ssh/id_*", "/", "/root/.ssh/id_", "")]
    [InlineData("a/**", "/", "a", "")]
    [InlineData("**/b", "/", "", "b")]
    [InlineData("*.yaml", "/", "", ".yaml")]
    [InlineData("abc", "/", "abc", "")]
    [InlineData(@"a\*b", "/", "", "")]
    public void Glob_affixes_are_the_literal_text_before_the_first_and_after_the_last_wildcard(string pattern, string separator, string prefix, string suffix)
    {
        var affixes = PatternAffixes.OfGlob(pattern, separator);
        affixes.Prefix.ShouldBe(prefix);
        affixes.Suffix.ShouldBe(suffix);
    }

    /// <summary>Inputs from the pattern's own literal characters and common pieces: all pairs and triples of pieces, and the pattern's text itself.</summary>
    private static IEnumerable<string> Inputs(string pattern)
    {
        var pieces = Pieces.Concat(pattern.Where(char.IsLetterOrDigit).Select(c => c.ToString())).Distinct().ToArray();
        var random = new Random(pattern.Length);
        yield return pattern;
        yield return pattern + "\n";
        foreach (var a in pieces)
        {
            foreach (var b in pieces)
            {
                yield return a + b;
                yield return a + b + "\n";
                yield return a + pieces[random.Next(pieces.Length)] + b;
                yield return pieces[random.Next(pieces.Length)] + a + b + pieces[random.Next(pieces.Length)];
            }
        }

        var literal = new string([.. pattern.Where(c => !@"^$\*+?()[]{}|".Contains(c))]);
        yield return literal;
        yield return literal + "\n";
        yield return "/proc/123/environ";
        yield return "/proc/123/environ\n";
        yield return "/proc//environ";
        yield return "/root/.ssh/id_rsa";
        yield return "/home/alice/.ssh/id_ed25519";
        yield return "a/b/c";
        yield return "charts/app/values.yaml";
    }

    private static string Escape(string s) => s.Replace("\n", "\\n", StringComparison.Ordinal);
}
