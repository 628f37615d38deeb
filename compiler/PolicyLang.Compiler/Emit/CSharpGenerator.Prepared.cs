// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Bound;
using PolicyLang.Compiler.Builtins;

namespace PolicyLang.Compiler.Emit;

/// <summary>
/// Built-in calls with prepared constant arguments: <c>matches(e.file.path, "^/proc/[0-9]+/environ$")</c> compiles its
/// pattern once, into a static field, and calls the built-in's prepared overload with it, instead of looking the
/// pattern up in the built-in's cache on every call (see <c>BuiltinAttribute.ConstantPreparer</c>). The prepared
/// overload gives the same results and errors, so only the cost changes.
/// </summary>
internal sealed partial class CSharpGenerator
{
    private readonly Dictionary<string, string> _preparedByInitializer = new(StringComparer.Ordinal);

    /// <summary>The arguments of a call to the prepared overload, or null when the arguments to prepare are not all constant strings.</summary>
    private List<string>? PreparedArguments(BoundBuiltinCall call, PreparedForm form, Func<int, string> argument)
    {
        var constants = new List<string>();
        foreach (var index in form.ArgumentIndexes)
        {
            if (index >= call.Arguments.Count || !ConstantEvaluator.TryEvaluate(call.Arguments[index], out var value) || value is not string text)
            {
                return null;
            }

            constants.Add(Literal(text));
        }

        var initializer = $"{ClrTypes.Name(form.Preparer.DeclaringType ?? typeof(object))}.{form.Preparer.Name}({string.Join(", ", constants)})";
        if (!_preparedByInitializer.TryGetValue(initializer, out var field))
        {
            field = $"h{_staticFields.Count}";
            _staticFields.Add((field, ClrTypes.Name(form.Preparer.ReturnType), initializer));
            _preparedByInitializer.Add(initializer, field);
        }

        var arguments = new List<string>();
        for (var i = 0; i < call.Arguments.Count; i++)
        {
            if (i == form.ArgumentIndexes[0])
            {
                arguments.Add(field);
            }
            else if (!form.ArgumentIndexes.Contains(i))
            {
                arguments.Add(argument(i));
            }
        }

        return arguments;
    }
}
