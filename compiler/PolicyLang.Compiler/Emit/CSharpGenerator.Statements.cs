// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Types;

namespace PolicyLang.Compiler.Emit;

internal sealed partial class CSharpGenerator
{
    private void Statement(BoundStatement statement)
    {
        switch (statement)
        {
            case BoundBlock block:
                Open();
                foreach (var inner in block.Statements)
                {
                    Statement(inner);
                }

                Close();
                break;
            case BoundLet let:
                var value = Expression(let.Value);
                FlushLocalFunctions();
                Line($"{ClrTypes.Of(let.Local.Type)} {_method.Declare(let.Local)} = {value};");
                break;
            case BoundFor loop:
                Loop(loop.Iteration, () =>
                {
                    if (loop.Filter is { } filter)
                    {
                        var text = Expression(filter);
                        FlushLocalFunctions();
                        Line($"if (!({Truth(filter, text)})) continue;");
                    }

                    Statement(loop.Body);
                });
                break;
            case BoundIf branch:
                var condition = Expression(branch.Condition);
                FlushLocalFunctions();
                Line($"if ({Truth(branch.Condition, condition)})");
                Block(branch.Then);
                if (branch.Else is { } otherwise)
                {
                    Line("else");
                    Block(otherwise);
                }

                break;
            case BoundAction action:
                Guarded(action.Condition, () =>
                {
                    var message = Expression(action.Message);
                    var path = Path(action.At);
                    FlushLocalFunctions();
                    Line($"ctx.Report({ClrTypes.FindingAction}.{action.Action}, {message} ?? string.Empty, {path});");
                });
                break;
            case BoundMutate mutate:
                Guarded(mutate.Condition, () =>
                {
                    var value = mutate.Value is null ? "null" : $"(object)({Expression(mutate.Value)})";
                    var path = Path(mutate.Target);
                    FlushLocalFunctions();
                    var verb = mutate.IsRemove ? "remove" : "set";
                    Line($"ctx.Patch({Literal(mutate.IsRemove ? "remove" : "add")}, {path}, {value}, {Literal($"{verb} {mutate.TargetText}")});");
                });
                break;
        }
    }

    private void Block(BoundStatement statement)
    {
        if (statement is BoundBlock)
        {
            Statement(statement);
            return;
        }

        Open();
        Statement(statement);
        Close();
    }

    private void Guarded(BoundExpression? condition, Action body)
    {
        if (condition is null)
        {
            Open();
            body();
            Close();
            return;
        }

        var text = Expression(condition);
        FlushLocalFunctions();
        Line($"if ({Truth(condition, text)})");
        Open();
        body();
        Close();
    }

    /// <summary>Writes a loop over an iteration; absent collections are empty. <paramref name="body"/> writes inside the loop.</summary>
    private void Loop(BoundIteration iteration, Action body)
    {
        if (iteration is { Kind: IterationKind.List, Collection: BoundListLiteral { IsConstant: false, Elements.Count: > 0 } literal })
        {
            LoopOverListLiteral(iteration, literal, body);
            return;
        }

        var collection = Expression(iteration.Collection);
        FlushLocalFunctions();
        var c = _method.Temp("c");
        Line($"var {c} = {collection};");
        var index = _method.Declare(iteration.Index);
        switch (iteration.Kind)
        {
            case IterationKind.List:
                Line($"if ({c} != null)");
                Open();
                Line($"for (int {index} = 0; {index} < {c}.Count; {index}++)");
                Open();
                CancellationCheck();
                if (iteration.SecondVariable is { } element)
                {
                    Line($"long? {_method.Declare(iteration.Variable)} = {index};");
                    Line($"var {_method.Declare(element)} = {c}[{index}];");
                }
                else
                {
                    Line($"var {_method.Declare(iteration.Variable)} = {c}[{index}];");
                }

                body();
                Close();
                Close();
                break;
            case IterationKind.Set:
                Line($"if ({c} != null)");
                Open();
                Line($"int {index} = 0;");
                Line($"foreach (var {_method.Declare(iteration.Variable)} in {ClrTypes.Ops}.Items({c}))");
                Open();
                CancellationCheck();
                body();
                Line($"{index}++;");
                Close();
                Close();
                break;
            case IterationKind.Map:
                Line($"if ({c} != null)");
                Open();
                var entry = _method.Temp("entry");
                Line($"int {index} = 0;");
                Line($"foreach (var {entry} in {ClrTypes.Ops}.Entries({c}))");
                Open();
                CancellationCheck();
                Line($"var {_method.Declare(iteration.Variable)} = {entry}.Key;");
                if (iteration.SecondVariable is { } value)
                {
                    Line($"var {_method.Declare(value)} = {entry}.Value;");
                }

                body();
                Line($"{index}++;");
                Close();
                Close();
                break;
            default:
                _method.DynamicCollections[iteration.Index] = c;
                var count = _method.Temp("n");
                Line($"int {count} = {ClrTypes.Ops}.DynCount({c});");
                Line($"for (int {index} = 0; {index} < {count}; {index}++)");
                Open();
                CancellationCheck();
                if (iteration.SecondVariable is { } item)
                {
                    Line($"var {_method.Declare(iteration.Variable)} = {ClrTypes.Ops}.DynKey({c}, {index});");
                    Line($"var {_method.Declare(item)} = {ClrTypes.Ops}.DynItem({c}, {index});");
                }
                else
                {
                    Line($"var {_method.Declare(iteration.Variable)} = {c} is global::PolicyLang.Runtime.Documents.DocList ? {ClrTypes.Ops}.DynItem({c}, {index}) : {ClrTypes.Ops}.DynKey({c}, {index});");
                }

                body();
                Close();
                break;
        }
    }

    /// <summary>
    /// A loop over a list literal (<c>for p in [c.livenessProbe, c.readinessProbe]</c>): the elements are evaluated
    /// first, in order, as the list would be, into locals, and the loop picks them by index, so no list is allocated.
    /// </summary>
    private void LoopOverListLiteral(BoundIteration iteration, BoundListLiteral literal, Action body)
    {
        var elementType = ClrTypes.Of(((ListType)literal.Type).Element);
        var values = literal.Elements.Select(Expression).ToArray();
        FlushLocalFunctions();
        var names = new string[values.Length];
        for (var i = 0; i < values.Length; i++)
        {
            names[i] = _method.Temp("e");
            Line($"{elementType} {names[i]} = {values[i]};");
        }

        var index = _method.Declare(iteration.Index);
        var current = names.Length == 1
            ? names[0]
            : $"({index} switch {{ {string.Concat(names.Take(names.Length - 1).Select((n, i) => $"{i} => {n}, "))}_ => {names[^1]} }})";
        Line($"for (int {index} = 0; {index} < {names.Length}; {index}++)");
        Open();
        CancellationCheck();
        if (iteration.SecondVariable is { } element)
        {
            Line($"long? {_method.Declare(iteration.Variable)} = {index};");
            Line($"var {_method.Declare(element)} = {current};");
        }
        else
        {
            Line($"var {_method.Declare(iteration.Variable)} = {current};");
        }

        body();
        Close();
    }

    /// <summary>
    /// Lets a deadline stop a long loop: every iteration checks the context's cancellation (hosts cancel at their budget).
    /// Constants and parameter defaults are computed without a context, and their loops run over constant data.
    /// </summary>
    private void CancellationCheck()
    {
        if (_method.Owner is not null)
        {
            Line("ctx.CheckCancelled();");
        }
    }

    /// <summary>Writes the pending local functions (quantifiers, comprehensions) of the current statement.</summary>
    private void FlushLocalFunctions()
    {
        var pending = _method.LocalFunctions;
        foreach (var function in pending)
        {
            foreach (var line in function.Split('\n'))
            {
                if (line.Length > 0)
                {
                    Line(line);
                }
            }
        }

        pending.Clear();
    }

    /// <summary>Generates a local function in its own buffer and queues it for the current statement.</summary>
    private string LocalFunction(string returnType, Action body)
    {
        var name = $"q{_method.NextId()}";
        var savedOut = _out.ToString();
        var savedIndent = _indent;
        _out.Clear();
        _indent = 0;
        _method.BeginLocalFunction();
        Line($"{returnType} {name}()");
        Open();
        body();
        Close();
        _method.EndLocalFunction();
        var text = _out.ToString();
        _out.Clear();
        _out.Append(savedOut);
        _indent = savedIndent;
        _method.LocalFunctions.Add(text);
        return name + "()";
    }

    private string Path(BoundPath? path)
    {
        if (path is null)
        {
            return "null";
        }

        var parts = new List<string>();
        var segments = path.Segments;
        var start = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsAbsolute)
            {
                start = i;
            }
        }

        for (var i = start; i < segments.Count; i++)
        {
            parts.Add(segments[i] switch
            {
                StaticPathSegment s => Literal(s.Text),
                AbsolutePathSegment a => Literal(a.Text),
                PropertyPathSegment p => $"{Expression(p.Target)}.{p.Property}",
                ElementPathSegment e => $"{Expression(e.Target)}.{e.PathsProperty}[{_method.NameOf(e.Index)}]",
                ChoicePathSegment c => $"({_method.NameOf(c.Index)} switch {{ {string.Concat(c.Alternatives.Select((a, i) => $"{i} => {Path(a)}, "))}_ => \"\" }})",
                LoopIndexPathSegment l when _method.DynamicCollections.TryGetValue(l.Index, out var collection) => $"\"/\" + {ClrTypes.Ops}.DynPathToken({collection}, {_method.NameOf(l.Index)})",
                LoopIndexPathSegment l => $"{ClrTypes.Ops}.PathIndex({_method.NameOf(l.Index)})",
                IndexPathSegment x => $"{ClrTypes.Ops}.PathAt({Expression(x.List)}, {Expression(x.Index)})",
                IndexedElementPathSegment e => $"{ClrTypes.Ops}.ElementPath({Expression(e.Target)}.{e.PathsProperty}, {Expression(e.Index)})",
                KeyPathSegment k => $"{ClrTypes.Ops}.PathKey({Expression(k.Key)})",
                _ => "\"\"",
            });
            if (segments[i] is PropertyPathSegment { Suffix.Length: > 0 } property)
            {
                parts.Add(Literal(property.Suffix));
            }
        }

        return Concat(parts);
    }

    private static string Truth(BoundExpression expression, string text) => expression.Type switch
    {
        PrimitiveType { Kind: PrimitiveKind.Bool } => $"{ClrTypes.Ops}.True({text})",
        DynamicType => $"{ClrTypes.Ops}.True({ClrTypes.Ops}.AsBool({text}))",
        _ => "false",
    };
}
