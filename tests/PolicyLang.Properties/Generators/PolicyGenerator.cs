// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Immutable;
using CsCheck;

namespace PolicyLang.Properties.Generators;

/// <summary>The types of the small typed grammar the generator writes (a subset of PolicyLang's).</summary>
internal enum Ty
{
    Bool,
    Int,
    Str,
    StrList,
    IntList,
    Containers,
    Container,
    Ports,
    Port,
    Labels,
    Quantity,
    Dyn,
    Float,
    Time,
    Duration,
    StrSet,
}

/// <summary>A variable in scope: its name, its type, and whether it has a document path (so it can be the target of <c>at</c>).</summary>
internal sealed record Var(string Name, Ty Type, bool Locatable);

/// <summary>The variables in scope where an expression or statement is generated.</summary>
internal sealed record Scope(ImmutableList<Var> Vars, bool InInterpolation = false)
{
    public static readonly Scope Rule = new([]);

    /// <summary>A fresh variable name: never the name of a variable in scope, so nothing is shadowed.</summary>
    public string Fresh(string prefix) => prefix + Vars.Count;

    public Scope With(Var variable) => this with { Vars = Vars.Add(variable) };

    public IEnumerable<Var> Of(Ty type) => Vars.Where(v => v.Type == type);

    public bool Has(Ty type) => Vars.Any(v => v.Type == type);

    public Scope Interpolating => this with { InInterpolation = true };
}

/// <summary>
/// Generates well-typed policies over workloads: rules with exceptions and conditions, bodies of lets, loops with
/// filters, ifs, actions with interpolated messages and at-paths, and mutations, over expressions of a typed grammar
/// (field reads of containers, security contexts, resources, ports, labels, dynamic fields; literals; operators;
/// quantifiers; comprehensions; built-ins; a user function, a constant, a list and a parameter).
/// </summary>
internal static class PolicyGenerator
{
    /// <summary>Declarations every generated policy has, for rules to use.</summary>
    public const string Prelude = """
        package gen

        const limit = 2
        list shells = ["sh", "bash", "nginx"]
        param team: string = "infra"
        param maxUser: int = 1000
        func norm(s: string): string = lower(trim(s ?? ""))
        func busy(c: Container): int = count(p in c.ports: p.containerPort > 100)
        const nothing = null
        func nil() = null
        func tag(c: Container): string {
          let parts = split(c.image ?? "", ":")
          let n = len(parts)
          if n > 1 then last(parts) else "latest"
        }
        """;

    private static readonly string[] StringLiterals = ["\"a\"", "\"web\"", "\"nginx\"", "\"\"", "\"app\"", "\"x/y~z\"", "\"A\"", "\"infra\"", "\"1000\""];
    private static readonly string[] IntLiterals = ["0", "1", "2", "7", "80", "(-1)", "1000", "443"];

    /// <summary>A policy of 1 to <paramref name="maxRules"/> rules.</summary>
    public static Gen<string> Policy(int maxRules) =>
        Gen.Int[1, maxRules].SelectMany(count => Choice.Sequence(count, Rule))
            .Select(rules => Prelude + "\n\n" + string.Join("\n\n", rules) + "\n");

    public static Gen<string> Rule(int index) =>
        from severity in Choice.Text("info", "low", "medium", "high", "critical")
        from exceptionCount in Gen.Int[0, 2]
        from exceptions in Choice.Sequence(exceptionCount, _ => Exception())
        from hasCondition in Gen.Bool
        from condition in hasCondition ? Bool(Scope.Rule, 2).Select(c => $"\n  when {c}") : Gen.Const(string.Empty)
        from body in Statements(Scope.Rule, 3, 1)
        select $"@severity({severity})\nrule r{index} on workload w{string.Concat(exceptions)}{condition}\n{{\n{body}}}";

    private static Gen<string> Exception() =>
        from condition in Bool(Scope.Rule, 2)
        from reason in Str(Scope.Rule, 1)
        select $"\n  except when {condition} because {reason}";

    // ---- statements -------------------------------------------------------------------------------------

    /// <summary>1 to <paramref name="max"/> statements, each seeing the lets before it.</summary>
    private static Gen<string> Statements(Scope scope, int max, int indent) =>
        Gen.Int[1, max].SelectMany(count => StatementList(scope, count, indent));

    private static Gen<string> StatementList(Scope scope, int count, int indent)
    {
        if (count == 0)
        {
            return Gen.Const(string.Empty);
        }

        return Statement(scope, indent).SelectMany(first =>
            StatementList(first.Declared is { } declared ? scope.With(declared) : scope, count - 1, indent).Select(rest => first.Text + rest));
    }

    private static Gen<(string Text, Var? Declared)> Statement(Scope scope, int indent)
    {
        var pad = new string(' ', indent * 2);
        var nested = indent < 4;
        return Choice.Of<(string, Var?)>(
            (6, () => Action(scope).Select(a => ($"{pad}{a}\n", (Var?)null))),
            (2, () => Let(scope).Select(l => ($"{pad}{l.Text}\n", (Var?)l.Declared))),
            (nested ? 4 : 0, () => For(scope, indent).Select(f => ($"{pad}{f}", (Var?)null))),
            (nested ? 2 : 0, () => If(scope, indent).Select(i => ($"{pad}{i}", (Var?)null))),
            (1, () => Mutate(scope).Select(m => ($"{pad}{m}\n", (Var?)null))));
    }

    private static Gen<string> Action(Scope scope) =>
        from verb in Choice.Text("deny", "warn", "audit")
        from message in Message(scope)
        from hasAt in Gen.Int[0, 2]
        from at in hasAt > 0 ? AtPath(scope).Select(p => " at " + p) : Gen.Const(string.Empty)
        from hasWhen in Gen.Int[0, 3]
        from when in hasWhen > 0 ? Bool(scope, 2).Select(c => " when " + c) : Gen.Const(string.Empty)
        select $"{verb} {message}{at}{when}";

    private static Gen<string> Message(Scope scope) =>
        from tag in Gen.Int[0, 99]
        from count in Gen.Int[0, 3]
        from holes in Choice.Sequence(count, _ => Any(scope.Interpolating, 1))
        select "\"m" + tag + string.Concat(holes.Select((h, i) => $" {(i == 1 ? "=" : string.Empty)}{{{h}}}")) + "\"";

    private static Gen<(string Text, Var Declared)> Let(Scope scope)
    {
        var name = scope.Fresh("v");
        return from type in Gen.OneOf(Ty.Bool, Ty.Int, Ty.Str, Ty.StrList, Ty.Dyn, Ty.Containers, Ty.Labels, Ty.Float, Ty.Time, Ty.StrSet)
               from value in Of(type, scope, 2)
               select ($"let {name} = {value}", new Var(name, type, false));
    }

    private static Gen<string> For(Scope scope, int indent)
    {
        var pad = new string(' ', indent * 2);
        return from iteration in Iteration(scope, 2)
               from hasFilter in Gen.Int[0, 2]
               from filter in hasFilter == 0 ? Bool(iteration.Inner, 2).Select(f => " where " + f) : Gen.Const(string.Empty)
               from body in Statements(iteration.Inner, 2, indent + 1)
               select $"for {iteration.Head}{filter} {{\n{body}{pad}}}\n";
    }

    private static Gen<string> If(Scope scope, int indent)
    {
        var pad = new string(' ', indent * 2);
        return from condition in Bool(scope, 2)
               from then in Statements(scope, 2, indent + 1)
               from hasElse in Gen.Bool
               from otherwise in hasElse ? Statements(scope, 1, indent + 1).Select(e => $" else {{\n{e}{pad}}}") : Gen.Const(string.Empty)
               select $"if {condition} {{\n{then}{pad}}}{otherwise}\n";
    }

    private static Gen<string> Mutate(Scope scope)
    {
        var containers = scope.Of(Ty.Container).Where(v => v.Locatable).Select(v => v.Name).ToArray();
        var c = containers.Length > 0 ? containers[^1] : null;
        return Choice.Of(
            (2, () => Bool(scope, 1).Select(b => $"mutate set w.spec.hostNetwork = {b}")),
            (2, () => Str(scope, 1).Select(s => $"mutate set w.metadata.labels.app = {s}")),
            (1, () => Gen.Const("mutate remove w.metadata.annotations.owner")),
            (c is null ? 0 : 2, () => Bool(scope, 1).Select(b => $"mutate set {c}.securityContext.privileged = {b}")),
            (c is null ? 0 : 1, () => Str(scope, 1).Select(s => $"mutate set {c}.image = {s}")),
            (c is null ? 0 : 1, () => StrList(scope, 1).Select(l => $"mutate set {c}.args = {l}")),
            (c is null ? 0 : 1, () => Gen.Const($"mutate remove {c}.securityContext.privileged"))).SelectMany(m =>
            Gen.Int[0, 2].SelectMany(w => w == 0 ? Bool(scope, 1).Select(b => $"{m} when {b}") : Gen.Const(m)));
    }

    /// <summary>An expression with a document path, for <c>at</c>.</summary>
    private static Gen<string> AtPath(Scope scope)
    {
        var options = new List<(int, Func<Gen<string>>)>
        {
            (2, () => Choice.Text("w.spec", "w.spec.hostNetwork", "w.metadata.labels.app", "w.metadata.labels[\"app.kubernetes.io/name\"]", "w.object.spec.replicas", "w.object.spec.template", "w.metadata", "w.object.metadata.name", "w.spec.securityContext.runAsUser")),
            (1, () => Str(scope, 1).Select(k => $"w.metadata.labels[{k}]")),
            (1, () => Int(scope, 1).Select(i => $"w.containers[{i}].image")),
            (1, () => Gen.Select(Int(scope, 1), Choice.Text(".name", string.Empty, ".securityContext"), (i, f) => $"w.allContainers[{i}]{f}")),
            (1, () => Int(scope, 1).Select(i => $"w.object.spec.template.spec.containers[{i}].name")),
            (1, () => Choice.Text("w.name", "w.namespace", "w.kind")),
        };
        foreach (var variable in scope.Vars.Where(v => v.Locatable))
        {
            options.Add(variable.Type switch
            {
                Ty.Container => (3, () => Choice.Text(".name", ".image", ".securityContext.privileged", ".securityContext", ".ports", ".resources.limits.memory", ".args").Select(f => variable.Name + f)),
                Ty.Port => (2, () => Choice.Text(".containerPort", ".protocol", string.Empty).Select(f => variable.Name + f)),
                Ty.Dyn => (2, () => Choice.Text(string.Empty, ".name", ".image").Select(f => variable.Name + f)),
                _ => (1, () => Gen.Const(variable.Name)),
            });
        }

        return Choice.Of([.. options]);
    }

    // ---- iterations ---------------------------------------------------------------------------------------

    /// <summary>The head of a loop, quantifier or comprehension (<c>x in coll</c> or <c>k, v in coll</c>) and the scope inside it.</summary>
    private static Gen<(string Head, Scope Inner)> Iteration(Scope scope, int depth)
    {
        var first = scope.Fresh("x");
        var second = scope.Fresh("y");
        var containers = scope.Of(Ty.Container).ToArray();
        return Choice.Of<(string, Scope)>(
            (5, () => Choice.Text("w.allContainers", "w.containers", "w.initContainers", "w.spec.containers").Select(c => ($"{first} in {c}", scope.With(new Var(first, Ty.Container, true))))),
            (1, () => Containers(scope, depth - 1).Select(c => ($"{first} in {c}", scope.With(new Var(first, Ty.Container, false))))),
            (containers.Length > 0 ? 3 : 0, () => Gen.OneOf(containers).Select(c => ($"{first} in {c.Name}.ports", scope.With(new Var(first, Ty.Port, c.Locatable))))),
            (containers.Length > 0 ? 1 : 0, () => Gen.OneOf(containers).Select(c => ($"{first}, {second} in {c.Name}.ports", scope.With(new Var(first, Ty.Int, false)).With(new Var(second, Ty.Port, c.Locatable))))),
            (containers.Length > 0 ? 2 : 0, () => Gen.OneOf(containers).SelectMany(c => Choice.Text(".args", ".command", ".securityContext.capabilities.add").Select(f => ($"{first} in {c.Name}{f}", scope.With(new Var(first, Ty.Str, c.Locatable)))))),
            (1, () => StrList(scope, depth - 1).Select(l => ($"{first} in {l}", scope.With(new Var(first, Ty.Str, false))))),
            (1, () => IntList(scope, depth - 1).Select(l => ($"{first} in {l}", scope.With(new Var(first, Ty.Int, false))))),
            (1, () => StrSet(scope, depth - 1).Select(l => ($"{first} in {l}", scope.With(new Var(first, Ty.Str, false))))),
            (2, () => Choice.Text("w.metadata.labels", "w.metadata.annotations", "w.spec.nodeSelector").Select(m => ($"{first}, {second} in {m}", scope.With(new Var(first, Ty.Str, false)).With(new Var(second, Ty.Str, true))))),
            (1, () => Labels(scope, depth - 1).Select(m => ($"{first} in {m}", scope.With(new Var(first, Ty.Str, false))))),
            (2, () => Choice.Text("w.object.spec", "w.object.spec.template.spec.containers", "w.object.spec.jobTemplate.spec.template.spec.containers", "w.object.metadata.labels").Select(d => d.EndsWith("labels", StringComparison.Ordinal)
                ? ($"{first}, {second} in {d}", scope.With(new Var(first, Ty.Str, false)).With(new Var(second, Ty.Str, true)))
                : ($"{first} in {d}", scope.With(new Var(first, Ty.Dyn, true))))),
            (1, () => Gen.Const(($"{first}, {second} in w.object.spec", scope.With(new Var(first, Ty.Dyn, false)).With(new Var(second, Ty.Dyn, true))))));
    }

    // ---- expressions by type ------------------------------------------------------------------------------

    public static Gen<string> Of(Ty type, Scope scope, int depth) => type switch
    {
        Ty.Bool => Bool(scope, depth),
        Ty.Int => Int(scope, depth),
        Ty.Str => Str(scope, depth),
        Ty.StrList => StrList(scope, depth),
        Ty.IntList => IntList(scope, depth),
        Ty.Containers => Containers(scope, depth),
        Ty.Labels => Labels(scope, depth),
        Ty.Quantity => Quantity(scope),
        Ty.Float => Float(scope, depth),
        Ty.Time => Time(scope, depth),
        Ty.Duration => Duration(scope, depth),
        Ty.StrSet => StrSet(scope, depth),
        _ => Dyn(scope, depth),
    };

    /// <summary>An expression of any type (for interpolation holes, <c>exists</c> and <c>== null</c>).</summary>
    private static Gen<string> Any(Scope scope, int depth) =>
        Gen.OneOf(Ty.Bool, Ty.Int, Ty.Str, Ty.StrList, Ty.IntList, Ty.Labels, Ty.Quantity, Ty.Dyn, Ty.Float, Ty.Time, Ty.Duration, Ty.StrSet).SelectMany(t => Of(t, scope, depth));

    private static Gen<string> Variable(Scope scope, Ty type) => Gen.OneOf(scope.Of(type).Select(v => v.Name).ToArray());

    private static int If(bool condition, int weight) => condition ? weight : 0;

    private static Gen<string> Bool(Scope scope, int depth)
    {
        var deep = depth > 0;
        var d = depth - 1;
        var containers = scope.Has(Ty.Container);
        return Choice.Of(
            (2, () => Choice.Text("true", "false", "w.spec.hostNetwork", "w.spec.hostPID", "w.spec.automountServiceAccountToken", "w.spec.securityContext.runAsNonRoot")),
            (If(scope.Has(Ty.Bool), 2), () => Variable(scope, Ty.Bool)),
            (If(containers, 4), () => Variable(scope, Ty.Container).SelectMany(c => Choice.Text(".securityContext.privileged", ".securityContext.allowPrivilegeEscalation", ".securityContext.runAsNonRoot", ".securityContext.readOnlyRootFilesystem", ".stdin", ".tty").Select(f => c + f))),
            (1, () => Choice.Text("w.object.spec.paused", "w.object.spec.suspend")),
            (If(deep, 3), () => Gen.Select(Bool(scope, d), Choice.Text("and", "or"), Bool(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Bool(scope, d).Select(a => $"(not {a})")),
            (If(deep, 4), () => Gen.Select(Int(scope, d), Choice.Text("==", "!=", "<", "<=", ">", ">="), Int(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 3), () => Gen.Select(Str(scope, d), Choice.Text("==", "!=", "<", ">="), Str(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Bool(scope, d), Choice.Text("==", "!="), Bool(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 2), () => Gen.Select(Str(scope, d), Choice.Text("in", "not in"), StrList(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Choice.Text("in", "not in"), Labels(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Str(scope, d), (a, b) => $"({a} in {b})")),
            (If(deep, 1), () => Gen.Select(Int(scope, d), IntList(scope, d), (a, b) => $"({a} in {b})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Choice.Text("{\"a\", \"web\"}", "{\"nginx\"}"), (a, b) => $"({a} in {b})")),
            (If(deep, 1), () => Gen.Select(Bool(scope, d), Bool(scope, d), (a, b) => $"({a} ?? {b})")),
            (If(deep, 2), () => Any(scope, d).SelectMany(x => Choice.Text($"exists({x})", $"({x} == null)", $"({x} != null)"))),
            (If(deep, 3), () => Gen.Select(Choice.Text("any", "all", "count"), Iteration(scope, d), (kind, it) => (kind, it))
                .SelectMany(q => Bool(q.it.Inner, d).Select(p => q.kind == "count" ? $"(count({q.it.Head}: {p}) > 0)" : $"{q.kind}({q.it.Head}: {p})"))),
            (If(deep, 2), () => Gen.Select(Choice.Text("startsWith", "endsWith", "contains"), Str(scope, d), Str(scope, d), (f, a, b) => $"{f}({a}, {b})")),
            (If(deep && containers, 2), () => Gen.Select(Variable(scope, Ty.Container), Choice.Text(".resources.limits.memory", ".resources.requests.memory", ".resources.limits[\"cpu\"]"), Choice.Text(">", "<=", "=="), Choice.Text("\"512Mi\"", "\"1Gi\"", "\"250m\"", "\"1\""), (c, f, op, q) => $"({c}{f} {op} {q})")),
            (If(deep, 2), () => Gen.Select(Dyn(scope, d), Choice.Text("== 3", "> 1", "< \"m\"", "== \"Recreate\"", "== true", "!= null", "== null", "in [\"a\", \"3\"]"), (x, rest) => $"({x} {rest})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Dyn(scope, d), (a, x) => $"({a} in {x})")),
            (If(deep, 1), () => Gen.Select(StrList(scope, d), Choice.Text("==", "!="), StrList(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Bool(scope, d), Bool(scope, d), Bool(scope, d), (c, a, b) => $"(if {c} then {a} else {b})")),
            (If(deep, 1), () => Gen.Select(Float(scope, d), Choice.Text("<", ">=", "==", "!="), Int(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Time(scope, d), Choice.Text("<", ">"), Time(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Duration(scope, d), Choice.Text("<", ">=", "=="), Duration(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Choice.Text("in", "not in"), StrSet(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(StrSet(scope, d), StrSet(scope, d), (a, b) => $"({a} == {b})")),
            (If(deep, 1), () => Gen.Select(Gen.OneOf(Ty.Int, Ty.Str, Ty.Float, Ty.Time, Ty.Duration, Ty.Quantity, Ty.Dyn).SelectMany(t => Of(t, scope, d)), Choice.Text("<", ">="), Gen.Bool, (x, op, nullFirst) => nullFirst ? $"(null {op} {x})" : $"({x} {op} null)")),
            (If(deep, 1), () => Gen.Select(Any(scope, d), Choice.Text("==", "!="), (x, op) => $"(null {op} {x})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Choice.Text("in", "not in"), (x, op) => $"({x} {op} null)")),
            (If(deep, 1), () => Choice.Text("(not null)", "(null in [\"a\"])", "(null in w.metadata.labels)", "(null == null)", "(nothing == w.spec.priority)", "(nil() == null)")));
    }

    private static Gen<string> Float(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("0.5", "2.5", "(-1.5)", "1e3", "0.0")),
            (If(depth > 0, 2), () => Gen.Select(Int(scope, d), Choice.Text("* 1.5", "/ 2.0", "+ 0.25", "/ 0.0"), (a, rest) => $"({a} {rest})")),
            (If(depth > 0, 1), () => Gen.Select(Float(scope, d), Choice.Text("+", "-", "*", "/"), Float(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(depth > 0, 1), () => Gen.Select(Float(scope, d), Float(scope, d), (a, b) => $"({a} ?? {b})")),
            (If(depth > 0, 1), () => Float(scope, d).Select(a => $"(-{a})")));
    }

    private static Gen<string> Time(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("now()", "w.object.metadata.creationTimestamp", "w.metadata.creationTimestamp")),
            (If(depth > 0, 2), () => Gen.Select(Time(scope, d), Choice.Text("+", "-"), Duration(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(depth > 0, 1), () => Gen.Select(Time(scope, d), Time(scope, d), (a, b) => $"({a} ?? {b})")));
    }

    private static Gen<string> Duration(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("duration(\"1h\")", "duration(\"720h\")", "duration(\"90s\")", "duration(\"-5m\")", "duration(\"250ms\")")),
            (If(depth > 0, 2), () => Gen.Select(Time(scope, d), Time(scope, d), (a, b) => $"({a} - {b})")),
            (If(depth > 0, 1), () => Gen.Select(Duration(scope, d), Choice.Text("+", "-"), Duration(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(depth > 0, 1), () => Duration(scope, d).Select(a => $"(-{a})")));
    }

    private static Gen<string> StrSet(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("{\"a\", \"web\"}", "{\"nginx\"}")),
            (If(depth > 0, 2), () => StrList(scope, d).Select(l => $"toSet({l})")),
            (If(depth > 0 && !scope.InInterpolation, 2), () => Iteration(scope, d).SelectMany(it => Str(it.Inner, d).Select(e => $"{{{e} for {it.Head}}}"))),
            (If(depth > 0, 1), () => Gen.Select(Choice.Text("union", "intersection", "difference"), StrSet(scope, d), StrSet(scope, d), (f, a, b) => $"{f}({a}, {b})")));
    }

    private static Gen<string> Int(Scope scope, int depth)
    {
        var deep = depth > 0;
        var d = depth - 1;
        var containers = scope.Has(Ty.Container);
        return Choice.Of(
            (2, () => Choice.Text(IntLiterals)),
            (1, () => Choice.Text("w.spec.priority", "w.spec.terminationGracePeriodSeconds", "w.spec.securityContext.runAsUser", "limit", "maxUser")),
            (If(scope.Has(Ty.Int), 2), () => Variable(scope, Ty.Int)),
            (If(containers, 2), () => Variable(scope, Ty.Container).SelectMany(c => Choice.Text(".securityContext.runAsUser", "#busy").Select(f => f == "#busy" ? $"busy({c})" : c + f))),
            (If(scope.Has(Ty.Port), 3), () => Variable(scope, Ty.Port).SelectMany(p => Choice.Text(".containerPort", ".hostPort").Select(f => p + f))),
            (If(deep, 3), () => Gen.Select(Int(scope, d), Choice.Text("+", "-", "*"), Int(scope, d), (a, op, b) => $"({a} {op} {b})")),
            (If(deep, 1), () => Gen.Select(Int(scope, d), Choice.Text("/ 2", "% 3", "/ (-4)"), (a, rest) => $"({a} {rest})")),
            (If(deep, 1), () => Int(scope, d).Select(a => $"(-{a})")),
            (If(deep, 2), () => Gen.Select(Int(scope, d), Int(scope, d), (a, b) => $"({a} ?? {b})")),
            (If(deep, 2), () => Iteration(scope, d).SelectMany(it => Bool(it.Inner, d).Select(p => $"count({it.Head}: {p})"))),
            (If(deep, 1), () => StrList(scope, d).Select(l => $"len({l})")),
            (If(deep, 1), () => Str(scope, d).Select(s => $"len({s})")),
            (If(deep, 1), () => Gen.Select(Bool(scope, d), Int(scope, d), Int(scope, d), (c, a, b) => $"(if {c} then {a} else {b})")),
            (If(deep, 1), () => Gen.Select(IntList(scope, d), Int(scope, d), (l, i) => $"{l}[{i}]")),
            (If(deep, 1), () => Gen.Select(Choice.Text("sum", "max", "min"), IntList(scope, d), (f, l) => $"{f}({l})")),
            (If(deep, 1), () => Int(scope, d).Select(a => $"abs({a})")),
            (If(deep, 1), () => Dyn(scope, d).Select(x => $"({x} ?? 0)")),
            (If(deep, 1), () => Int(scope, d).Select(a => $"(null ?? {a})")),
            (If(deep, 1), () => Int(scope, d).Select(a => $"({a} + null)")));
    }

    private static Gen<string> Str(Scope scope, int depth)
    {
        var deep = depth > 0;
        var d = depth - 1;
        var containers = scope.Has(Ty.Container);
        return Choice.Of(
            (3, () => Choice.Text(StringLiterals)),
            (2, () => Choice.Text("w.kind", "w.name", "w.namespace", "w.metadata.name", "w.spec.serviceAccountName", "w.spec.restartPolicy", "w.metadata.labels.app", "w.metadata.labels[\"app.kubernetes.io/name\"]", "w.metadata.annotations.owner", "team")),
            (If(scope.Has(Ty.Str), 3), () => Variable(scope, Ty.Str)),
            (If(containers, 4), () => Variable(scope, Ty.Container).SelectMany(c => Choice.Text(".name", ".image", ".imagePullPolicy", ".workingDir", ".livenessProbe.httpGet.port", "#tag").Select(f => f == "#tag" ? $"tag({c})" : c + f))),
            (If(scope.Has(Ty.Port), 1), () => Variable(scope, Ty.Port).SelectMany(p => Choice.Text(".protocol", ".name").Select(f => p + f))),
            (If(deep, 2), () => Gen.Select(Choice.Text("lower", "upper", "trim", "norm"), Str(scope, d), (f, s) => $"{f}({s})")),
            (If(deep, 2), () => Gen.Select(Str(scope, d), Str(scope, d), (a, b) => $"({a} + {b})")),
            (If(deep, 2), () => Gen.Select(Str(scope, d), Str(scope, d), (a, b) => $"({a} ?? {b})")),
            (If(deep, 1), () => Gen.Select(Bool(scope, d), Str(scope, d), Str(scope, d), (c, a, b) => $"(if {c} then {a} else {b})")),
            (If(deep && !scope.InInterpolation, 2), () => Gen.Int[1, 2].SelectMany(n => Choice.Sequence(n, _ => Any(scope.Interpolating, d))).Select(parts => "\"s" + string.Concat(parts.Select(p => $"<{{{p}}}>")) + "\"")),
            (If(deep, 1), () => Gen.Select(Choice.Text("first", "last"), StrList(scope, d), (f, l) => $"{f}({l})")),
            (If(deep, 1), () => StrList(scope, d).Select(l => $"join({l}, \",\")")),
            (If(deep, 1), () => Str(scope, d).Select(s => $"replace({s}, \"a\", \"b\")")),
            (If(deep, 1), () => Dyn(scope, d).Select(x => $"({x} ?? \"none\")")),
            (If(deep, 1), () => Gen.Select(Labels(scope, d), Str(scope, d), (m, k) => $"{m}[{k}]")));
    }

    private static Gen<string> StrList(Scope scope, int depth)
    {
        var deep = depth > 0;
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("[\"a\", \"web\"]", "shells", "[\"-v\"]")),
            (If(scope.Has(Ty.StrList), 2), () => Variable(scope, Ty.StrList)),
            (If(scope.Has(Ty.Container), 3), () => Variable(scope, Ty.Container).SelectMany(c => Choice.Text(".args", ".command", ".securityContext.capabilities.add", ".securityContext.capabilities.drop").Select(f => c + f))),
            (If(deep, 3), () => Iteration(scope, d).SelectMany(it => Gen.Select(Str(it.Inner, d), Gen.Bool, Bool(it.Inner, d), (e, filtered, f) => filtered ? $"[{e} for {it.Head} where {f}]" : $"[{e} for {it.Head}]"))),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Choice.Text("\":\"", "\"/\""), (s, sep) => $"split({s}, {sep})")),
            (If(deep, 1), () => Gen.Select(Choice.Text("keys", "values"), Labels(scope, d), (f, m) => $"{f}({m})")),
            (If(deep, 1), () => Gen.Select(StrList(scope, d), StrList(scope, d), (a, b) => $"({a} + {b})")),
            (If(deep, 1), () => Gen.Select(Choice.Text("sort", "unique", "reverse"), StrList(scope, d), (f, l) => $"{f}({l})")),
            (If(deep, 1), () => Gen.Select(StrList(scope, d), StrList(scope, d), (a, b) => $"({a} ?? {b})")),
            (If(deep, 1), () => Gen.Select(Str(scope, d), Str(scope, d), (a, b) => $"[{a}, {b}]")));
    }

    private static Gen<string> IntList(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (2, () => Choice.Text("[1, 2, 7]", "[80]", "[443, 80, 8080]")),
            (If(scope.Has(Ty.Container), 3), () => Variable(scope, Ty.Container).Select(c => $"[{scope.Fresh("p")}.containerPort for {scope.Fresh("p")} in {c}.ports]")),
            (If(depth > 0, 2), () => Iteration(scope, d).SelectMany(it => Int(it.Inner, d).Select(e => $"[{e} for {it.Head}]"))),
            (If(depth > 0, 1), () => Gen.Select(Int(scope, d), Int(scope, d), (a, b) => $"[{a}, {b}]")));
    }

    private static Gen<string> Containers(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (4, () => Choice.Text("w.allContainers", "w.containers", "w.initContainers", "w.spec.containers")),
            (If(scope.Has(Ty.Containers), 2), () => Variable(scope, Ty.Containers)),
            (If(depth > 0, 2), () =>
            {
                var name = scope.Fresh("c");
                var inner = scope.With(new Var(name, Ty.Container, false));
                return Gen.Select(Choice.Text("w.allContainers", "w.containers"), Bool(inner, d), (c, f) => $"[{name} for {name} in {c} where {f}]");
            }));
    }

    private static Gen<string> Labels(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (4, () => Choice.Text("w.metadata.labels", "w.metadata.annotations", "w.spec.nodeSelector", "w.object.metadata.labels")),
            (If(scope.Has(Ty.Labels), 2), () => Variable(scope, Ty.Labels)),
            (If(depth > 0 && !scope.InInterpolation, 1), () => Gen.Select(Str(scope, d), Str(scope, d), (a, b) => $"{{\"app\": {a}, \"team\": {b}}}")),
            // A computed key may be absent: the entry is left out.
            (If(depth > 0 && !scope.InInterpolation, 1), () => Gen.Select(Str(scope, d), Str(scope, d), Str(scope, d), (k, a, b) => $"{{{k}: {a}, \"team\": {b}}}")),
            (If(depth > 0 && !scope.InInterpolation, 1), () =>
            {
                var k = scope.Fresh("k");
                var v = scope.Fresh("u");
                var inner = scope.With(new Var(k, Ty.Str, false)).With(new Var(v, Ty.Str, false));
                return Gen.Select(Choice.Text("w.metadata.labels", "w.metadata.annotations"), Bool(inner, d), Str(inner, d), (m, f, value) => $"{{{k}: {value} for {k}, {v} in {m} where {f}}}");
            }));
    }

    private static Gen<string> Quantity(Scope scope) =>
        scope.Has(Ty.Container)
            ? Gen.Select(Variable(scope, Ty.Container), Choice.Text(".resources.limits.memory", ".resources.requests.cpu", ".resources.limits[\"cpu\"]"), (c, f) => c + f)
            : Gen.Const("w.spec.containers[0].resources.limits.memory");

    private static Gen<string> Dyn(Scope scope, int depth)
    {
        var d = depth - 1;
        return Choice.Of(
            (4, () => Choice.Text("w.object.spec", "w.object.spec.replicas", "w.object.spec.paused", "w.object.spec.strategy.type", "w.object.spec.schedule", "w.object.spec.template.metadata.labels", "w.object.spec.selector.matchLabels.app", "w.object.spec.template.spec.containers[0].name", "w.object.status")),
            (If(scope.Has(Ty.Dyn), 3), () => Variable(scope, Ty.Dyn).SelectMany(x => Choice.Text(string.Empty, ".name", ".image", "[0]", "[\"replicas\"]").Select(f => x + f))),
            (If(depth > 0, 1), () => Gen.Select(Dyn(scope, d), Dyn(scope, d), (a, b) => $"({a} ?? {b})")));
    }
}
