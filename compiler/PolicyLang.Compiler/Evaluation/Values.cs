// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Compiler.Evaluation;

/// <summary>
/// Strict reads of boxed values as the C# types generated code declares them: absent is null, and a value of
/// another type is an interpreter bug (an <see cref="InvalidCastException"/>), never silently absent.
/// </summary>
internal static class Values
{
    public static bool? Bool(object? value) => value is null ? null : (bool)value;

    public static long? Long(object? value) => value is null ? null : (long)value;

    public static double? Double(object? value) => value is null ? null : (double)value;

    public static string? Text(object? value) => (string?)value;

    public static DocNode? Doc(object? value) => (DocNode?)value;

    public static ResourceQuantity? Quantity(object? value) => (ResourceQuantity?)value;
}
