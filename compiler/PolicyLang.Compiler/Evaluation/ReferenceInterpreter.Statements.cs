// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Types;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Values;

namespace PolicyLang.Compiler.Evaluation;

public sealed partial class ReferenceInterpreter
{
    // Called by reflection so that a path is passed exactly as generated code computes it (even null).
    private static readonly MethodInfo PatchMethod = typeof(EvaluationContext).GetMethod(nameof(EvaluationContext.Patch))
        ?? throw new InvalidOperationException("EvaluationContext.Patch is missing.");

    /// <summary>What a loop body asks for next: the next item, the next item without finishing the body (<c>continue</c>), or leave (<c>return</c>).</summary>
    private enum LoopControl
    {
        Next,
        Continue,
        Stop,
    }

    private void Execute(BoundStatement statement, Frame frame)
    {
        switch (statement)
        {
            case BoundBlock block:
                foreach (var inner in block.Statements)
                {
                    Execute(inner, frame);
                }

                break;
            case BoundLet let:
                frame.Set(let.Local, Evaluate(let.Value, frame));
                break;
            case BoundFor loop:
                Loop(loop.Iteration, frame, () =>
                {
                    if (loop.Filter is { } filter && !Truth(filter, frame))
                    {
                        return LoopControl.Continue;
                    }

                    Execute(loop.Body, frame);
                    return LoopControl.Next;
                });
                break;
            case BoundIf branch:
                if (Truth(branch.Condition, frame))
                {
                    Execute(branch.Then, frame);
                }
                else if (branch.Else is { } otherwise)
                {
                    Execute(otherwise, frame);
                }

                break;
            case BoundAction action:
                if (action.Condition is null || Truth(action.Condition, frame))
                {
                    // ctx.Report(action, message ?? "", path): the message is computed before the path.
                    var message = Values.Text(Evaluate(action.Message, frame));
                    var path = Path(action.At, frame);
                    frame.Context.Report(action.Action, message ?? string.Empty, path);
                }

                break;
            case BoundMutate mutate:
                if (mutate.Condition is null || Truth(mutate.Condition, frame))
                {
                    // ctx.Patch(op, path, (object)value, text): the path is computed before the value.
                    var path = Path(mutate.Target, frame);
                    var value = mutate.Value is null ? null : Evaluate(mutate.Value, frame);
                    var verb = mutate.IsRemove ? "remove" : "set";
                    Reflect.Invoke(PatchMethod, frame.Context, mutate.IsRemove ? "remove" : "add", path, value, $"{verb} {mutate.TargetText}");
                }

                break;
        }
    }

    /// <summary>Runs a body per item of an iteration (absent collections are empty); true when the body stopped it.</summary>
    private bool Loop(BoundIteration iteration, Frame frame, Func<LoopControl> body)
    {
        var collection = Evaluate(iteration.Collection, frame);
        switch (iteration.Kind)
        {
            case IterationKind.List:
            {
                if (collection is null)
                {
                    return false;
                }

                var shape = CollectionShape.For(ClrTypeMap.ElementOf(iteration.Collection.Type));
                for (var i = 0; i < shape.Count(collection); i++)
                {
                    CheckCancelled(frame);
                    frame.Set(iteration.Index, i);
                    if (iteration.SecondVariable is { } element)
                    {
                        frame.Set(iteration.Variable, (long)i);
                        frame.Set(element, shape.Item(collection, i));
                    }
                    else
                    {
                        frame.Set(iteration.Variable, shape.Item(collection, i));
                    }

                    if (body() == LoopControl.Stop)
                    {
                        return true;
                    }
                }

                return false;
            }

            case IterationKind.Set:
            case IterationKind.Map:
            {
                if (collection is null)
                {
                    return false;
                }

                // int index = 0; foreach (…) { body; index++; } — a 'continue' skips the increment, as in generated code.
                var shape = CollectionShape.For(ClrTypeMap.ElementOf(iteration.Collection.Type));
                var index = 0;
                frame.Set(iteration.Index, index);
                var items = iteration.Kind == IterationKind.Set
                    ? shape.Items(collection).Select(item => new KeyValuePair<string, object?>(string.Empty, item))
                    : shape.Entries(collection);
                foreach (var entry in items)
                {
                    CheckCancelled(frame);
                    if (iteration.Kind == IterationKind.Set)
                    {
                        frame.Set(iteration.Variable, entry.Value);
                    }
                    else
                    {
                        frame.Set(iteration.Variable, entry.Key);
                        if (iteration.SecondVariable is { } value)
                        {
                            frame.Set(value, entry.Value);
                        }
                    }

                    switch (body())
                    {
                        case LoopControl.Stop:
                            return true;
                        case LoopControl.Next:
                            frame.Set(iteration.Index, ++index);
                            break;
                    }
                }

                return false;
            }

            default:
            {
                // Over a dynamic value: its list items, or its map keys (and values).
                var node = collection as DocNode;
                frame.SetDynamicCollection(iteration.Index, node);
                var count = Ops.DynCount(node);
                for (var i = 0; i < count; i++)
                {
                    CheckCancelled(frame);
                    frame.Set(iteration.Index, i);
                    if (iteration.SecondVariable is { } item)
                    {
                        frame.Set(iteration.Variable, Ops.DynKey(node, i));
                        frame.Set(item, Ops.DynItem(node, i));
                    }
                    else
                    {
                        frame.Set(iteration.Variable, node is DocList ? Ops.DynItem(node, i) : Ops.DynKey(node, i));
                    }

                    if (body() == LoopControl.Stop)
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }

    /// <summary>
    /// Every iteration of a rule's or function's loop checks the deadline, as generated loops do; constants and parameter
    /// defaults (computed without a context) do not.
    /// </summary>
    private static void CheckCancelled(Frame frame) => frame.ContextOrNull?.CheckCancelled();

    /// <summary>The JSON pointer of a path, built as generated code builds it when a finding is reported.</summary>
    private string? Path(BoundPath? path, Frame frame)
    {
        if (path is null)
        {
            return null;
        }

        var segments = path.Segments;
        var start = 0;
        for (var i = 0; i < segments.Count; i++)
        {
            if (segments[i].IsAbsolute)
            {
                start = i;
            }
        }

        var parts = new List<string?>();
        for (var i = start; i < segments.Count; i++)
        {
            parts.Add(segments[i] switch
            {
                StaticPathSegment s => s.Text,
                AbsolutePathSegment a => a.Text,
                PropertyPathSegment p => PathProperty(p.Target, p.Property, frame) as string,
                ElementPathSegment e => ElementPath(e, frame),
                ChoicePathSegment c => (int)(frame.Get(c.Index) ?? 0) is var position && position >= 0 && position < c.Alternatives.Count ? Path(c.Alternatives[position], frame) : string.Empty,
                LoopIndexPathSegment l when frame.TryGetDynamicCollection(l.Index, out var collection) => "/" + Ops.DynPathToken(collection, (int)(frame.Get(l.Index) ?? 0)),
                LoopIndexPathSegment l => Ops.PathIndex((int)(frame.Get(l.Index) ?? 0)),
                IndexPathSegment x => IndexPath(x, frame),
                IndexedElementPathSegment e => Ops.ElementPath(PathProperty(e.Target, e.PathsProperty, frame) as IList<string>, Values.Long(Evaluate(e.Index, frame))),
                KeyPathSegment k => k.Key.Type is DynamicType ? Ops.PathKey(Values.Doc(Evaluate(k.Key, frame))) : Ops.PathKey(Values.Text(Evaluate(k.Key, frame))),
                _ => string.Empty,
            });
            if (segments[i] is PropertyPathSegment { Suffix.Length: > 0 } property)
            {
                parts.Add(property.Suffix);
            }
        }

        return parts.Count switch
        {
            0 => string.Empty,
            1 => parts[0],
            _ => string.Concat(parts),
        };
    }

    /// <summary><c>target.Property</c> (the target's static type's property): a null target throws as in generated code.</summary>
    private object? PathProperty(BoundExpression target, string property, Frame frame)
    {
        var value = Evaluate(target, frame) ?? throw new NullReferenceException();
        var info = ClrTypeMap.Of(target.Type).GetProperty(property, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new InvalidOperationException($"{target.Type} has no property {property}.");
        return Reflect.Get(info, value);
    }

    /// <summary><c>Ops.PathAt(list, index)</c>, with the overload C# picks for the list's and the index's types.</summary>
    private string IndexPath(IndexPathSegment segment, Frame frame)
    {
        var list = Evaluate(segment.List, frame);
        var index = Evaluate(segment.Index, frame);
        return segment.List.Type switch
        {
            DynamicType when segment.Index.Type is DynamicType => Ops.PathAt(Values.Doc(list), Values.Doc(index)),
            DynamicType => Ops.PathAt(Values.Doc(list), Values.Long(index)),
            _ => Reflect.Invoke(Reflect.Generic(PathAtDefinition, ClrTypeMap.ElementOf(segment.List.Type)), null, list, Values.Long(index)) as string ?? string.Empty,
        };
    }

    /// <summary><c>target.PathsProperty[index]</c>: the path of one element of a list gathered from several places.</summary>
    private string? ElementPath(ElementPathSegment segment, Frame frame)
    {
        var paths = PathProperty(segment.Target, segment.PathsProperty, frame);
        var index = (int)(frame.Get(segment.Index) ?? 0);
        return paths switch
        {
            string[] array => array[index],
            IList<string> list => list[index],
            _ => throw new InvalidOperationException($"{segment.PathsProperty} is not a list of paths."),
        };
    }
}
