// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Emit;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// A plain tree-walking interpreter over the bound program: the reference semantics of PolicyLang, used as a test
/// oracle for the C# generator. It evaluates rules on the same runtime subjects, with the same CLR values and the
/// same runtime operations (<c>Ops</c>, built-ins) as generated code, and reports through the same
/// <see cref="EvaluationContext"/>. Its rules are <see cref="CompiledRule"/>s, so the unchanged
/// <see cref="PolicyEngine"/> runs either back end and their findings can be compared one for one.
/// </summary>
/// <remarks>
/// Every bound node the generator handles has a case here that does what the generated C# does, including its
/// evaluation order and which operands it evaluates at all. Thread-safe: each rule invocation has its own locals.
/// </remarks>
public sealed partial class ReferenceInterpreter
{
    private static readonly System.Reflection.MethodInfo AsDefinition = typeof(ManifestSubject).GetMethod(nameof(ManifestSubject.As))
        ?? throw new InvalidOperationException("ManifestSubject.As is missing.");

    private static readonly System.Reflection.MethodInfo TryGetDefinition = typeof(ParameterValues).GetMethod(nameof(ParameterValues.TryGet))
        ?? throw new InvalidOperationException("ParameterValues.TryGet is missing.");

    private readonly BoundProgram _program;
    private readonly Dictionary<ParamSymbol, object?> _parameters = [];
    private readonly Dictionary<ConstantSymbol, BoundConstant> _constantDeclarations = [];
    private readonly ConcurrentDictionary<ConstantSymbol, Lazy<object?>> _constants = new();
    private readonly ConcurrentDictionary<BoundExpression, Lazy<object?>> _hoisted = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<FunctionSymbol, BoundFunction> _functions = [];

    /// <summary>Prepares every rule of a bound, error-free program with the given parameter values.</summary>
    /// <exception cref="ArgumentException">The model has binding errors (the generator would refuse it too).</exception>
    public ReferenceInterpreter(SemanticModel model, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(parameters);
        if (model.Diagnostics.FirstOrDefault(d => d.IsError) is { } error)
        {
            throw new ArgumentException("The program has errors and cannot be run: " + error, nameof(model));
        }

        _program = model.Program;
        foreach (var package in _program.Packages)
        {
            foreach (var constant in package.Constants)
            {
                _constantDeclarations[constant.Symbol] = constant;
            }

            foreach (var function in package.Functions)
            {
                _functions[function.Symbol] = function;
            }
        }

        // As the generated constructor: each parameter from the values given, else its default.
        foreach (var param in _program.Packages.SelectMany(p => p.Parameters))
        {
            _parameters[param.Symbol] = ReadParameter(parameters, param);
        }

        var generator = new CSharpGenerator(_program);
        Manifest = ManifestBuilder.Build(_program, generator.RuleMethodName, Compilation.CompilerVersion);
        var descriptors = Manifest.Policies.SelectMany(p => p.Rules).ToArray();
        var rules = _program.Packages.SelectMany(p => p.Rules).ToArray();
        Rules = rules.Select((rule, i) => new CompiledRule(descriptors[i], MakeInvoker(rule))).ToArray();
    }

    /// <summary>The manifest the compiled assembly of the same program would carry.</summary>
    public PolicyAssemblyManifest Manifest { get; }

    /// <summary>One rule per bound rule, in the order of the compiled assembly's manifest.</summary>
    public IReadOnlyList<CompiledRule> Rules { get; }

    /// <summary>An interpreter for a compilation without errors.</summary>
    /// <exception cref="ArgumentException">The compilation has errors.</exception>
    public static ReferenceInterpreter Create(Compilation compilation, ParameterValues parameters)
    {
        ArgumentNullException.ThrowIfNull(compilation);
        if (compilation.GetDiagnostics().FirstOrDefault(d => d.IsError) is { } error)
        {
            throw new ArgumentException("The compilation has errors and cannot be run: " + error, nameof(compilation));
        }

        return new ReferenceInterpreter(compilation.GetSemanticModel(), parameters);
    }

    /// <summary>The rules as a policy set for <see cref="PolicyEngine"/>, like a loaded compiled assembly.</summary>
    public CompiledPolicySet ToPolicySet() => CompiledPolicySet.Create(Manifest, Rules, typeof(ReferenceInterpreter).Assembly);

    private Delegate MakeInvoker(BoundRule rule) => rule.Subject switch
    {
        SubjectKind.Manifest => new Action<ManifestSubject, EvaluationContext>((subject, context) => Run(rule, subject, context)),
        SubjectKind.Workload => new Action<Workload, EvaluationContext>((subject, context) => Run(rule, subject, context)),
        SubjectKind.Admission => new Action<AdmissionSubject, EvaluationContext>((subject, context) => Run(rule, subject, context)),
        SubjectKind.Image => new Action<ImageSubject, EvaluationContext>((subject, context) => Run(rule, subject, context)),
        SubjectKind.Event => new Action<RuntimeEvent, EvaluationContext>((subject, context) => Run(rule, subject, context)),
        _ => new Action<HostFacts, EvaluationContext>((subject, context) => Run(rule, subject, context)),
    };

    /// <summary>The body of a generated rule method.</summary>
    private void Run(BoundRule rule, object subject, EvaluationContext context)
    {
        var frame = new Frame(context);
        if (rule.Subject == SubjectKind.Manifest && rule.TypedModel is { } model && subject is ManifestSubject manifest)
        {
            frame.Set(rule.SubjectVariable, Reflect.Invoke(Reflect.Generic(AsDefinition, model.ClrType), manifest));
        }
        else
        {
            frame.Set(rule.SubjectVariable, subject);
        }

        foreach (var exception in rule.Exceptions)
        {
            if (Truth(exception.Condition, frame))
            {
                context.Skip(Evaluate(exception.Reason, frame) as string ?? "exception");
            }
        }

        foreach (var condition in rule.Conditions)
        {
            if (!Truth(condition, frame))
            {
                return;
            }
        }

        if (rule.Metadata.Overrides.Count > 0)
        {
            context.Applies();
        }

        Execute(rule.Body, frame);
    }

    private object? ReadParameter(ParameterValues values, BoundParam param)
    {
        var type = ClrTypeMap.Of(param.Symbol.Type);
        var arguments = new object?[] { param.Symbol.Package.Name, param.Symbol.Name, null };
        if (Reflect.Invoke(Reflect.Generic(TryGetDefinition, type), values, arguments) is true)
        {
            return arguments[2];
        }

        return param.Default is null ? null : Evaluate(param.Default, new Frame(null));
    }

    private object? ConstantValue(ConstantSymbol symbol) =>
        _constants.GetOrAdd(symbol, s => new Lazy<object?>(() => _constantDeclarations.TryGetValue(s, out var declaration)
            ? Evaluate(declaration.Value, new Frame(null))
            : throw new InvalidOperationException($"The constant '{s.Name}' has no bound declaration."))).Value;
}
