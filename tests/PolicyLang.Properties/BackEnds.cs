// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Evaluation;
using PolicyLang.Compiler.Text;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Properties;

/// <summary>
/// The two back ends behind one shape (the IPolicyBackend idea): the same source compiled to C# and loaded, and
/// the same bound program run by the reference interpreter, each as a <see cref="PolicyEngine"/> over the same rules.
/// </summary>
internal sealed class BackEnds
{
    /// <summary>The clock of every evaluation (findings must not depend on when the test runs).</summary>
    public static readonly DateTimeOffset Now = new(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private BackEnds(string source, PolicyEngine compiled, PolicyEngine interpreted, string generated)
    {
        Source = source;
        Compiled = compiled;
        Interpreted = interpreted;
        Generated = generated;
    }

    public string Source { get; }

    public PolicyEngine Compiled { get; }

    public PolicyEngine Interpreted { get; }

    /// <summary>The generated C#, for failure messages.</summary>
    public string Generated { get; }

    /// <summary>Compiles a policy both ways; throws with the diagnostics when it does not compile.</summary>
    public static BackEnds Of(string source, ParameterValues? parameters = null)
    {
        parameters ??= ParameterValues.None;
        var compilation = Check(source);
        var emitted = compilation.Emit();
        if (emitted.Image is null)
        {
            throw new EmitFailedException("The C# back end failed on a policy that type-checks:\n" + string.Join("\n", emitted.Diagnostics) + "\n--- policy ---\n" + source + "\n--- C# ---\n" + emitted.GeneratedSource);
        }

        var options = new EngineOptions { Clock = () => Now };
        var compiled = new PolicyEngine(CompiledPolicySet.Load(emitted.Image, parameters), options);
        var interpreted = new PolicyEngine(ReferenceInterpreter.Create(compilation, parameters).ToPolicySet(), options);
        return new BackEnds(source, compiled, interpreted, emitted.GeneratedSource ?? string.Empty);
    }

    /// <summary>Both back ends, or null when the policy does not type-check or its C# does not compile.</summary>
    public static BackEnds? TryOf(string source, ParameterValues? parameters = null)
    {
        if (TryCheck(source) is null)
        {
            return null;
        }

        try
        {
            return Of(source, parameters);
        }
        catch (EmitFailedException)
        {
            return null;
        }
    }

    /// <summary>The interpreter only (no Roslyn): for properties that need many programs.</summary>
    public static PolicyEngine Interpreter(string source, ParameterValues? parameters = null) =>
        new(ReferenceInterpreter.Create(Check(source), parameters ?? ParameterValues.None).ToPolicySet(), new EngineOptions { Clock = () => Now });

    /// <summary>A compilation of the source that must have no errors.</summary>
    public static Compilation Check(string source)
    {
        var compilation = Compilation.Create([new SourceText("generated.policy", source)]);
        var errors = compilation.GetDiagnostics().Where(d => d.IsError).ToArray();
        if (errors.Length > 0)
        {
            throw new InvalidOperationException("The policy does not compile:\n" + string.Join("\n", errors) + "\n--- policy ---\n" + Numbered(source));
        }

        return compilation;
    }

    /// <summary>Null when the source does not type-check (a candidate the reducer must reject).</summary>
    public static Compilation? TryCheck(string source)
    {
        var compilation = Compilation.Create([new SourceText("generated.policy", source)]);
        return compilation.GetDiagnostics().Any(d => d.IsError) ? null : compilation;
    }

    /// <summary>A finding as one comparable line: everything a user sees of it.</summary>
    public static string Describe(Finding finding) =>
        $"{finding.Rule} {finding.Action} [{finding.Severity}] \"{finding.Message}\" at {finding.Path ?? "(none)"}"
        + (finding.Location is { } l ? $" ({l.File}:{l.Line}:{l.Column})" : string.Empty)
        + (finding.SkippedReason is { } reason ? $" skipped: \"{reason}\"" : string.Empty)
        + (finding.Patch is { } patch ? " patch " + string.Join(", ", patch.Select(p => $"{p.Op} {p.Path} {JsonSerializer.Serialize(p.Value)}")) : string.Empty);

    public static string Numbered(string source) =>
        string.Join("\n", source.Split('\n').Select((line, i) => $"{i + 1,3}  {line}"));
}

/// <summary>The generated C# of a policy that type-checks did not compile: a compiler bug.</summary>
internal sealed class EmitFailedException(string message) : Exception(message);
