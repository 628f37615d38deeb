// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>policylang fmt: canonical formatting in place, idempotent, comments kept; --check lists and exits 1.</summary>
public sealed class FmtCommandTests
{
    private const string Unformatted = """
        package demo
        // a comment on its own line
        @id("D-1")   @severity( high )
        rule r on workload w {   // after the brace
          for c in w.containers deny "container {c.name}" at c.image when c.image==""
        }
        """;

    [Fact]
    public void A_file_is_formatted_in_place_with_its_comments_and_a_second_run_changes_nothing()
    {
        var file = CliRunner.TempFile("demo.policy", Unformatted);
        var (code, output, error) = Fmt([file]);
        code.ShouldBe(0, error);
        output.ShouldContain($"{file}: formatted");
        var formatted = File.ReadAllText(file);
        formatted.ShouldNotBe(Unformatted);
        formatted.ShouldContain("// a comment on its own line");
        formatted.ShouldContain("// after the brace");
        formatted.ShouldContain("c.image == \"\"");

        var (again, againOutput, _) = Fmt([file]);
        again.ShouldBe(0);
        againOutput.ShouldContain("1 file: all already formatted");
        File.ReadAllText(file).ShouldBe(formatted);
    }

    [Fact]
    public void Check_lists_the_files_that_would_change_exits_one_and_writes_nothing()
    {
        var directory = Path.GetDirectoryName(CliRunner.TempFile("a.policy", Unformatted)) ?? throw new InvalidOperationException();
        var formattedFile = Path.Combine(directory, "nested", "b.policy");
        Directory.CreateDirectory(Path.GetDirectoryName(formattedFile) ?? directory);
        File.WriteAllText(formattedFile, Unformatted);
        Fmt([formattedFile]).ExitCode.ShouldBe(0);
        var unformatted = Path.Combine(directory, "a.policy");

        var (code, output, _) = Fmt([directory], check: true);
        code.ShouldBe(1);
        output.ShouldContain($"{unformatted}: not formatted");
        output.ShouldNotContain("b.policy");
        output.ShouldContain("2 files checked: 1 not formatted");
        File.ReadAllText(unformatted).ShouldBe(Unformatted, "--check writes nothing");

        Fmt([formattedFile], check: true).ExitCode.ShouldBe(0);
    }

    [Fact]
    public void A_file_with_syntax_errors_is_left_alone_and_its_errors_name_the_place()
    {
        var file = CliRunner.TempFile("broken.policy", "package broken\nrule r on workload w { deny \"x\" when (w.kind == }\n");
        var before = File.ReadAllText(file);
        var (code, _, error) = Fmt([file]);
        code.ShouldBe(2);
        error.ShouldContain("broken.policy:2:");
        File.ReadAllText(file).ShouldBe(before);
    }

    [Fact]
    public void Stdin_is_formatted_to_stdout()
    {
        var (code, output, _) = Fmt(["-"], stdin: Unformatted);
        code.ShouldBe(0);
        output.ShouldStartWith("package demo\n");
        Fmt(["-"], check: true, stdin: output).ExitCode.ShouldBe(0);
        Fmt(["-"], check: true, stdin: Unformatted).ExitCode.ShouldBe(1);
    }

    [Fact]
    public void The_standard_library_formats_idempotently_and_keeps_every_comment()
    {
        var copy = Path.Combine(Path.GetTempPath(), "policylang-fmt-tests", Guid.NewGuid().ToString("N"));
        var originals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "policies-stdlib"), "*.policy", SearchOption.AllDirectories)
                     .Concat(Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "examples", "policies"), "*.policy")))
        {
            var target = Path.Combine(copy, Path.GetRelativePath(RepositoryPaths.Root, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target) ?? copy);
            File.Copy(file, target);
            originals[target] = File.ReadAllText(file);
        }

        originals.Count.ShouldBeGreaterThan(20);
        Fmt([copy]).ExitCode.ShouldBe(0);
        var (code, output, _) = Fmt([copy], check: true);
        code.ShouldBe(0, output);
        foreach (var (file, original) in originals)
        {
            var formatted = File.ReadAllText(file);
            foreach (var comment in Comments(original))
            {
                formatted.ShouldContain(comment, Case.Sensitive, $"{file} keeps its comment");
            }
        }
    }

    private static IEnumerable<string> Comments(string text) =>
        text.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("//", StringComparison.Ordinal));

    private static (int ExitCode, string Output, string Error) Fmt(IReadOnlyList<string> paths, bool check = false, string stdin = "")
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = FmtCommand.Run(paths, check, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), output, error);
        return (code, output.ToString(), error.ToString());
    }
}
