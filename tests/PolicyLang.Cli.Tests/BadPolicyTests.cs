// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>
/// Broken policy files: nested absurdly deep, binary, or full of errors, next to good ones. Each gets errors naming the
/// file and place; the good files beside them are compiled and report nothing; the process survives.
/// </summary>
public sealed class BadPolicyTests
{
    private const int Depth = 10_000;

    private const string GoodPolicy = """
        package good
        @severity(high)
        rule privileged on workload w {
          for c in w.containers
            deny "container {c.name} is privileged" at c.securityContext.privileged when c.securityContext.privileged == true
        }
        """;

    /// <summary>Expressions nested <see cref="Depth"/> levels deep, each a different recursion in parser, binder or emitter.</summary>
    public static TheoryData<string> Forms() => new(Nestings.Keys.Order(StringComparer.Ordinal));

    private static readonly Dictionary<string, Func<int, string>> Nestings = new(StringComparer.Ordinal)
    {
        ["parentheses"] = n => Repeat("(", n) + "w.kind == \"Pod\"" + Repeat(")", n),
        ["not"] = n => Repeat("not ", n) + "false",
        ["and chain"] = n => "true" + Repeat(" and w.kind == \"Pod\"", n),
        ["calls"] = n => Repeat("lower(", n) + "w.kind" + Repeat(")", n) + " == \"pod\"",
        ["lists"] = n => "len(" + Repeat("[", n) + Repeat("]", n) + ") == 1",
        ["member access"] = n => "w.object" + Repeat(".spec", n) + " == 1",
        ["interpolations"] = n => Repeat("\"{", n) + "1" + Repeat("}\"", n) + " == \"1\"",
        ["conditionals"] = n => Repeat("if true then 1 else ", n) + "2 == 1",
    };

    [Theory]
    [MemberData(nameof(Forms))]
    public async Task A_policy_nested_ten_thousand_levels_deep_is_an_error_in_a_process_that_survives(string form)
    {
        var directory = Directory(("good.policy", GoodPolicy), ("deep.policy", $"package deep\n@severity(low)\nrule r on workload w {{\n  deny \"x\" when {Nestings[form](Depth)}\n}}\n"));

        var (code, output, error) = await ProcessRunner.Run(["check", "--no-cache", directory]);

        code.ShouldBe(2, $"check must fail cleanly (a crash would exit otherwise)\n{error}");
        error.ShouldNotContain("Stack overflow");
        var errors = ErrorLines(output);
        errors.ShouldNotBeEmpty(output);
        errors.ShouldAllBe(line => line.Contains("deep.policy:4:") && line.Contains("error PL0011"), output);
        output.ShouldNotContain("good.policy");

        var (evalCode, _, evalError) = await ProcessRunner.Run(["eval", "--no-cache", "-p", directory, CliRunner.Example("inputs", "manifests", "web.yaml")]);
        evalCode.ShouldBe(2);
        evalError.ShouldContain("deep.policy:4:");
        evalError.ShouldContain("PL0011");
    }

    [Fact]
    public async Task A_block_nested_ten_thousand_levels_deep_is_an_error_in_a_process_that_survives()
    {
        var body = Repeat("if true {\n", Depth) + "deny \"x\"\n" + Repeat("}\n", Depth);
        var directory = Directory(("good.policy", GoodPolicy), ("blocks.policy", $"package blocks\n@severity(low)\nrule r on workload w {{\n{body}}}\n"));

        var (code, output, error) = await ProcessRunner.Run(["check", "--no-cache", directory]);

        code.ShouldBe(2, error);
        ErrorLines(output).ShouldAllBe(line => line.Contains("blocks.policy:") && line.Contains("error PL0011"), output);
        ErrorLines(output).ShouldNotBeEmpty();
        output.ShouldNotContain("good.policy");
    }

    [Fact]
    public void A_binary_policy_file_is_one_error_and_the_files_beside_it_are_still_checked()
    {
        var garbage = new byte[4096];
        new Random(11).NextBytes(garbage);
        garbage[100] = 0;
        var directory = Directory(
            ("good.policy", GoodPolicy),
            ("broken.policy", "package broken\nrule a on workload w { deny \"x\" when w.spec.hostNetwrk == true }\nrule b on workload w { deny \"x\" when (w.kind == }\n"));
        File.WriteAllBytes(Path.Combine(directory, "garbage.policy"), garbage);

        var output = new StringWriter();
        var code = CheckCommand.Run([directory], noCache: true, output, new StringWriter());

        code.ShouldBe(2);
        var errors = ErrorLines(output.ToString());
        errors.Count(l => l.Contains("garbage.policy")).ShouldBe(1, "a binary file is one error, not one per byte");
        errors.Single(l => l.Contains("garbage.policy")).ShouldContain("error PL0012");
        errors.ShouldContain(l => l.Contains("broken.policy:2:") && l.Contains("PL0200") && l.Contains("hostNetwork"));
        errors.ShouldContain(l => l.Contains("broken.policy:3:") && l.Contains("PL0003"));
        errors.ShouldNotContain(l => l.Contains("good.policy"));
    }

    [Fact]
    public void Eval_with_a_broken_policy_beside_good_ones_names_every_error_and_evaluates_nothing()
    {
        // Evaluating with part of the policies would pass inputs that the full set denies: a compile error stops the run.
        var directory = Directory(
            ("good.policy", GoodPolicy),
            ("broken.policy", "package broken\nrule a on workload w { deny \"x\" when w.spec.hostNetwrk == true }\nrule b on workload w { deny 5 }\n"));

        var (code, output, error) = CliRunner.Eval([directory], [CliRunner.Example("inputs", "manifests", "web.yaml")]);

        code.ShouldBe(2);
        output.ShouldBeEmpty();
        error.ShouldContain("broken.policy:2:");
        error.ShouldContain("PL0200");
        error.ShouldContain("broken.policy:3:");
        error.ShouldContain("PL0209");
        error.ShouldNotContain("good.policy:");
    }

    private static string[] ErrorLines(string output) =>
        output.Split('\n').Where(l => l.Contains(": error PL", StringComparison.Ordinal)).ToArray();

    private static string Directory(params (string Name, string Text)[] files)
    {
        var first = CliRunner.TempFile(files[0].Name, files[0].Text);
        var directory = Path.GetDirectoryName(first) ?? throw new InvalidOperationException("no directory");
        foreach (var (name, text) in files.Skip(1))
        {
            File.WriteAllText(Path.Combine(directory, name), text, new UTF8Encoding(false));
        }

        return directory;
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
