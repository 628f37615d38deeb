// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Formatting;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Compiler.Emit;

/// <summary>Describes the bound program for the assembly manifest: policies, rules with metadata and scope, parameters, sources.</summary>
internal static class ManifestBuilder
{
    public static PolicyAssemblyManifest Build(BoundProgram program, Func<BoundRule, string> methodName, string compilerVersion)
    {
        var ids = program.Packages.SelectMany(p => p.Rules).ToDictionary(r => r.Symbol, r => r.Metadata.Id);
        return Describe(program, methodName, compilerVersion, ids, EventTypeGuard.FunctionsOf(program));
    }

    private static PolicyAssemblyManifest Describe(BoundProgram program, Func<BoundRule, string> methodName, string compilerVersion, Dictionary<RuleSymbol, string> ids, IReadOnlyDictionary<FunctionSymbol, BoundFunction> functions) => new()
    {
        CompilerVersion = compilerVersion,
        Policies = program.Packages.Select(package => new PolicyDescriptor
        {
            Name = package.Symbol.Name,
            Class = CSharpGenerator.ProgramClass,
            Title = package.Title,
            Description = package.Description,
            Rules = package.Rules.Select(rule =>
            {
                var position = rule.Symbol.Tree.Source.GetLinePosition(rule.Symbol.NameSpan.Start);
                return new RuleDescriptor
                {
                    Policy = package.Symbol.Name,
                    Name = rule.Symbol.Name,
                    Id = rule.Metadata.Id,
                    Title = rule.Metadata.Title,
                    Description = rule.Metadata.Description,
                    Severity = rule.Metadata.Severity,
                    Tags = rule.Metadata.Tags,
                    Remediation = rule.Metadata.Remediation,
                    Overrides = rule.Metadata.Overrides.Select(o => ids.GetValueOrDefault(o, o.QualifiedName)).ToArray(),
                    Subject = rule.Subject,
                    TypedKind = rule.TypedModel is null ? null : rule.Scope.Kinds.FirstOrDefault(),
                    Scope = rule.Scope,
                    Actions = rule.Actions,
                    UsesInventory = rule.UsesInventory,
                    EventTypes = EventTypeGuard.TypesOf(rule, functions),
                    Method = methodName(rule),
                    SourceFile = rule.Symbol.Tree.Source.Path,
                    Line = position.Line + 1,
                    Column = position.Character + 1,
                };
            }).ToArray(),
            Parameters = package.Parameters.Select(param => new ParameterDescriptor
            {
                Policy = package.Symbol.Name,
                Name = param.Symbol.Name,
                Type = param.Symbol.Type.Name,
                DefaultText = param.Symbol.Declaration.Default is { } d ? PolicyFormatter.FormatOneLine(param.Symbol.Tree, d) : null,
                Description = param.Symbol.Documentation,
            }).ToArray(),
            Sources = package.Symbol.Trees.Select(t => new SourceHash(t.Source.Path, t.Source.Sha256)).ToArray(),
        }).ToArray(),
    };
}
