// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Declares a public static method as a PolicyLang built-in function. This one declaration is the registry
/// entry: the compiler reads the name, the CLR signature (mapped to PolicyLang types), the docs and the
/// category from it for type checking, hover, completion, signature help, docs and code generation.
/// Several methods may share a name: they are overloads.
/// </summary>
[AttributeUsage(AttributeTargets.Method, Inherited = false)]
public sealed class BuiltinAttribute : Attribute
{
    public BuiltinAttribute(string name, string category, string summary)
    {
        Name = name;
        Category = category;
        Summary = summary;
    }

    /// <summary>The name policies call it by (camelCase).</summary>
    public string Name { get; }

    /// <summary>strings, regex, glob, semver, network, quantities, time, images, sets, math, collections, kubernetes, host.</summary>
    public string Category { get; }

    /// <summary>One or two sentences for hover and the docs. Says what happens with absent arguments.</summary>
    public string Summary { get; }

    /// <summary>An example call and its result, e.g. <c>lower("ABC") == "abc"</c>.</summary>
    public string? Example { get; init; }

    /// <summary>False for built-ins whose result depends on the evaluation context's clock.</summary>
    public bool Deterministic { get; init; } = true;

    /// <summary>
    /// The name of a static method <c>string? Validate(int argumentIndex, object? constantValue)</c> in the same class,
    /// called by the compiler on constant arguments; a non-null result is reported as a compile error.
    /// </summary>
    public string? ConstantValidator { get; init; }

    /// <summary>
    /// The name of a static method in the same class that prepares some of the arguments once, when the policy writes
    /// them as constants (a regex or glob compiled once per policy rather than looked up on every call). Its parameters
    /// are those arguments, named as the built-in names them; it returns the prepared value and never throws. The class
    /// also declares an overload of the built-in's method that takes the prepared value in place of those arguments, at
    /// the position of the first, and gives the same results and errors as the built-in.
    /// </summary>
    public string? ConstantPreparer { get; init; }
}

/// <summary>Describes a built-in's parameter for hover and signature help.</summary>
[AttributeUsage(AttributeTargets.Parameter, Inherited = false)]
public sealed class DocAttribute : Attribute
{
    public DocAttribute(string text)
    {
        Text = text;
    }

    public string Text { get; }
}
