// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Tests.Emit;

/// <summary>
/// Built-in calls with constant patterns are compiled against a pattern prepared once per policy
/// (<c>BuiltinAttribute.ConstantPreparer</c>); other calls stay as they were. Neither changes a finding or an error:
/// the compiled delegates and the reference interpreter (which always makes the plain call) agree on every event.
/// </summary>
public sealed class PreparedCallTests
{
    private const string Source = """
        package prepared

        param pattern: string = "^/tmp/"
        const key_glob = "/root/.ssh/id_*"

        @id("PRE-1") @severity(low)
        rule environ on event e when matches(e.file.path, "^/proc/[0-9]+/environ$") alert "environ {e.file.path}"

        @id("PRE-2") @severity(low)
        rule keys on event e when glob(e.file.path, key_glob) or glob(e.file.path, "/home/*/.ssh/id_*") alert "key {e.file.path}"

        @id("PRE-3") @severity(low)
        rule dotted on event e when glob(e.proc.name, "*.sh", ".") alert "dotted {e.proc.name}"

        @id("PRE-4") @severity(low)
        rule by_parameter on event e when matches(e.file.path, pattern) alert "param {e.file.path}"

        @id("PRE-5") @severity(low)
        rule found on event e when regexFind(e.proc.cmdline, "--[a-z]+") == "--insecure" alert "found {regexReplace(e.proc.cmdline, "[0-9]+", "#")}"

        @id("PRE-6") @severity(low)
        rule same_again on event e when matches(e.file.path, "^/proc/[0-9]+/environ$") and e.proc.name == "cat" alert "cat environ"
        """;

    public static TheoryData<string> Backends() => ["compiled", "interpreter"];

    [Fact]
    public void Constant_patterns_are_prepared_once_and_other_patterns_are_looked_up_per_call()
    {
        var source = Compile().Emit().GeneratedSource.ShouldNotBeNull();
        Count(source, "RegexBuiltins.Prepare(\"^/proc/[0-9]+/environ$\")").ShouldBe(1); // PRE-1 and PRE-6 share it
        Count(source, "GlobBuiltins.Prepare(\"/root/.ssh/id_*\")").ShouldBe(1); // through a constant
        Count(source, "GlobBuiltins.Prepare(\"/home/*/.ssh/id_*\")").ShouldBe(1);
        Count(source, "GlobBuiltins.PrepareWithSeparator(\"*.sh\", \".\")").ShouldBe(1);
        Count(source, "RegexBuiltins.Prepare(\"--[a-z]+\")").ShouldBe(1);
        Count(source, "RegexBuiltins.Prepare(\"[0-9]+\")").ShouldBe(1);
        source.ShouldContain("RegexBuiltins.Matches(v0_e.File?.Path, p0_prepared_pattern)"); // the parameter: plain call
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Prepared_and_plain_calls_find_the_same(string backend)
    {
        var expected = new Dictionary<string, string[]>
        {
            ["/proc/42/environ"] = ["PRE-1 environ /proc/42/environ", "PRE-6 cat environ"],
            ["/proc/42/environ\n"] = ["PRE-1 environ /proc/42/environ\n", "PRE-6 cat environ"],
            ["/proc/self/environ"] = [],
            ["/root/.ssh/id_rsa"] = ["PRE-2 key /root/.ssh/id_rsa"],
            ["/root/.ssh/sub/id_rsa"] = [],
            ["/home/al/.ssh/id_ed25519"] = ["PRE-2 key /home/al/.ssh/id_ed25519"],
            ["/tmp/x"] = ["PRE-4 param /tmp/x"],
        };
        foreach (var (path, messages) in expected)
        {
            string.Join(" | ", Messages(backend, [], new RuntimeEvent { Type = "open", File = new EventFile { Path = path }, Proc = new EventProcess { Name = "cat" } }))
                .ShouldBe(string.Join(" | ", messages), path);
        }

        Messages(backend, [], new RuntimeEvent { Type = "execve", Proc = new EventProcess { Name = "run.sh", Cmdline = "run.sh --insecure 8080" } })
            .ShouldBe(["PRE-3 dotted run.sh", "PRE-5 found run.sh --insecure #"]);
        Messages(backend, [], new RuntimeEvent { Type = "execve", Proc = new EventProcess { Name = "run.sh.x" } }).ShouldBeEmpty();
        Messages(backend, [], new RuntimeEvent { Type = "open" }).ShouldBeEmpty(); // absent strings: false, as in the plain call
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void An_invalid_parameter_pattern_still_fails_its_rule_alone(string backend)
    {
        var findings = Findings(backend, new() { ["prepared.pattern"] = "([unclosed" }, new RuntimeEvent { Type = "open", File = new EventFile { Path = "/proc/1/environ" }, Proc = new EventProcess { Name = "cat" } });
        findings.Where(f => f.Action == FindingAction.Error).Select(f => f.Id).ShouldBe(["PRE-4"]);
        findings.Where(f => f.Action != FindingAction.Error).Select(f => f.Id).ShouldBe(["PRE-1", "PRE-6"]);
    }

    [Fact]
    public void Every_declared_preparer_resolves_to_a_prepared_overload()
    {
        var prepared = BuiltinCatalog.All.SelectMany(f => f.Overloads).Where(o => o.Prepared is not null).ToList();
        prepared.Select(o => o.Name).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(["glob", "matches", "regexFind", "regexFindAll", "regexFindGroups", "regexReplace", "regexSplit"]);
        foreach (var overload in prepared)
        {
            var form = overload.Prepared.ShouldNotBeNull();
            form.Method.Name.ShouldBe(overload.Method.Name);
            form.Method.ReturnType.ShouldBe(overload.Method.ReturnType);
            form.Method.GetParameters().Length.ShouldBe(overload.Method.GetParameters().Length - form.ArgumentIndexes.Count + 1);
        }
    }

    private static int Count(string text, string part) => (text.Length - text.Replace(part, string.Empty, StringComparison.Ordinal).Length) / part.Length;

    private static List<string> Messages(string backend, Dictionary<string, object?> parameters, RuntimeEvent e) =>
        [.. Findings(backend, parameters, e).Select(f => $"{f.Id} {f.Message}")];

    private static List<Finding> Findings(string backend, Dictionary<string, object?> parameters, RuntimeEvent e)
    {
        var compilation = Compile();
        var values = new ParameterValues(parameters);
        var set = backend == "compiled"
            ? CompiledPolicySet.Load(compilation.Emit().Image.ShouldNotBeNull(), values)
            : ReferenceInterpreter.Create(compilation, values).ToPolicySet();
        return [.. new PolicyEngine(set).EvaluateEvent(e).Findings];
    }

    private static Compilation Compile()
    {
        var compilation = Compilation.Create([new SourceText("prepared.policy", Source)]);
        compilation.GetDiagnostics().ShouldBeEmpty();
        return compilation;
    }
}
