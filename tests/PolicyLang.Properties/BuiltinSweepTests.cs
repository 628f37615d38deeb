// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Findings;
using Xunit.Abstractions;

namespace PolicyLang.Properties;

/// <summary>
/// Every overload of every built-in, called with arguments drawn from a pool per parameter type (literals, tricky
/// values, fields that may be absent, <c>null</c>): every call that type-checks compiles to C#, both back ends agree on
/// its value, and none fails at run time except where the built-in documents it (a pattern that is not a constant
/// and is invalid); the back ends agree on those errors too.
/// </summary>
public sealed class BuiltinSweepTests
{
    /// <summary>Calls tried per overload (a fixed sample of the argument combinations).</summary>
    private const int CallsPerOverload = 24;

    private static readonly string[] Pods =
    [
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","namespace":"ns","labels":{"app":"web","tier":"front"},"creationTimestamp":"2024-05-01T10:00:00Z"},
         "spec":{"priority":3,"containers":[
           {"name":"a","image":"registry.example.com:5000/team/app:1.2@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef","args":["b","a","a"],
            "resources":{"limits":{"memory":"1Gi","cpu":"500m"}},"securityContext":{"runAsUser":1000}},
           {"image":"nginx","args":[]}]}}
        """,
        """
        {"apiVersion":"v1","kind":"Pod","metadata":{"name":"q"},"spec":{"containers":[{"name":"Ü-1","image":"[::1]:5000/x"}]}}
        """,
    ];

    private static readonly Dictionary<string, string[]> Pools = new(StringComparer.Ordinal)
    {
        ["string"] = ["\"a\"", "\"\"", "c.name", "null", "c.image", "\"10.0.0.0/8\"", "\"fd00::/8\"", "\"2001:db8::1\"", "\"1.2.3-rc.1+build\"", "\">=1.2.0 <2.0.0-0\"", "\"512Mi\"", "\"1.5e3m\"", "\"a*\"", "\"90m\"", "\"2024-01-01T00:00:00Z\"", "\"app=web,tier in (front)\"", "\"0644\"", "\"YWJj\"", "\"^a(.)\"", "w.metadata.labels.app", "\"Ü\""],
        ["int"] = ["0", "-1", "3", "w.spec.priority", "null", "9223372036854775807", "c.securityContext.runAsUser", "420"],
        ["float"] = ["1.5", "-0.5", "null", "(w.spec.priority * 1.0)", "1e308", "0.0"],
        ["bool"] = ["true", "null", "c.stdin"],
        ["quantity"] = ["c.resources.limits.memory", "quantity(\"1Gi\")", "null", "c.resources.limits.cpu"],
        ["duration"] = ["duration(\"1h\")", "null", "(now() - w.object.metadata.creationTimestamp)", "duration(\"-90s\")"],
        ["timestamp"] = ["now()", "w.object.metadata.creationTimestamp", "null"],
        ["list<string>"] = ["[\"a\", \"b\"]", "c.args", "[]", "null", "[\"b\", \"a\", \"a\"]", "[c.name, \"x\"]"],
        ["list<int>"] = ["[1, 2]", "[]", "[c.securityContext.runAsUser, 2]", "null", "[9223372036854775807, 1]"],
        ["list<float>"] = ["[1.5, 2.0]", "[]", "null", "[0.0, -1.5]"],
        ["list<quantity>"] = ["[c.resources.limits.memory, quantity(\"1Gi\")]", "[]", "null"],
        ["list<list<string>>"] = ["[[\"a\"], c.args]", "[]", "null"],
        ["list<list<int>>"] = ["[[1], [2, 3]]", "[]"],
        ["set<string>"] = ["{\"a\"}", "toSet(c.args)", "null", "{\"a\", \"b\"}"],
        ["set<int>"] = ["{1, 2}", "null"],
        ["map<string, string>"] = ["w.metadata.labels", "{\"a\": \"1\"}", "null", "w.metadata.annotations", "{c.name: \"v\"}"],
        ["map<string, int>"] = ["{\"a\": 1}", "null"],
        ["LabelSelector"] = ["null"],
    };

    private readonly ITestOutputHelper _output;

    public BuiltinSweepTests(ITestOutputHelper output)
    {
        _output = output;
    }

    [Fact]
    public void Every_builtin_call_that_type_checks_compiles_and_the_back_ends_agree()
    {
        var rules = new List<string>();
        var untried = new List<string>();
        var calls = 0;
        foreach (var overload in BuiltinCatalog.All.SelectMany(f => f.Overloads).OrderBy(o => o.Signature, StringComparer.Ordinal))
        {
            var statements = new List<string>();
            foreach (var call in Calls(overload))
            {
                var statement = $"deny \"{Escape(call)} = {{{call}}}\"";
                if (TypeChecks(statement))
                {
                    statements.Add(statement);
                }
            }

            if (statements.Count == 0)
            {
                untried.Add(overload.Signature);
                continue;
            }

            calls += statements.Count;
            rules.Add($"@severity(low)\nrule r{rules.Count} on workload w {{\n  for c in w.allContainers {{\n    {string.Join("\n    ", statements)}\n  }}\n}}");
        }

        var source = "package sweep\n\n" + string.Join("\n\n", rules) + "\n";
        var backEnds = BackEnds.Of(source);
        var compared = Differential.Compare(backEnds, Pods);
        compared.Difference.ShouldBeNull();
        var errors = compared.Findings.Where(f => f.Action == FindingAction.Error).Select(f => f.Message).Distinct().ToArray();
        _output.WriteLine($"{calls} calls of {rules.Count} overloads agreed; no call type-checked for: {string.Join(", ", untried)}");
        // Built-ins read bad input as absent; only an invalid pattern that is not a constant (glob, regex) fails the
        // rule, as those built-ins document (a constant one is a compile error).
        errors.Where(e => !e.Contains("(Parameter 'pattern')", StringComparison.Ordinal)).ShouldBeEmpty("a built-in given well-typed arguments does not fail the rule");
        untried.ShouldBeEmpty("every overload should be exercised by some argument of its pools");
    }

    /// <summary>A fixed sample of the calls of an overload with arguments from the pools (type variables as string or int).</summary>
    private static IEnumerable<string> Calls(BuiltinOverload overload)
    {
        var variables = overload.Parameters.SelectMany(p => Variables(p.Type)).Distinct().ToArray();
        foreach (var binding in variables.Length == 0 ? [string.Empty] : new[] { "string", "int" })
        {
            var pools = overload.Parameters.Select(p => Pools.GetValueOrDefault(Substitute(p.Type, binding)) ?? []).ToArray();
            var random = new Random(overload.Signature.Length * 31 + binding.Length);
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < CallsPerOverload * 4 && seen.Count < CallsPerOverload; i++)
            {
                if (pools.Any(p => p.Length == 0))
                {
                    break;
                }

                // First the i-th value of every pool (the same tricky value in every position), then random picks.
                var diagonal = i < pools.Select(p => p.Length).DefaultIfEmpty(1).Max();
                var call = $"{overload.Name}({string.Join(", ", pools.Select(p => p[diagonal ? i % p.Length : random.Next(p.Length)]))})";
                if (seen.Add(call))
                {
                    yield return call;
                }
            }
        }
    }

    private static IEnumerable<string> Variables(TypeSymbol type) => type switch
    {
        TypeVariable v => [v.Name],
        ListType l => Variables(l.Element),
        SetType s => Variables(s.Element),
        MapType m => Variables(m.Value),
        _ => [],
    };

    private static string Substitute(TypeSymbol type, string binding) => type switch
    {
        TypeVariable => binding,
        ListType l => $"list<{Substitute(l.Element, binding)}>",
        SetType s => $"set<{Substitute(s.Element, binding)}>",
        MapType m => $"map<string, {Substitute(m.Value, binding)}>",
        _ => type.Name,
    };

    private static bool TypeChecks(string statement)
    {
        var source = $"package probe\n@severity(low)\nrule r on workload w {{\n  for c in w.allContainers {{\n    {statement}\n  }}\n}}\n";
        return !Compilation.Create([new SourceText("probe.policy", source)]).GetDiagnostics().Any(d => d.IsError);
    }

    private static string Escape(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("{", "\\{", StringComparison.Ordinal);
}
