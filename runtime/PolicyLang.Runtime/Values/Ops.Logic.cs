// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.CompilerServices;

namespace PolicyLang.Runtime.Values;

/// <summary>
/// The operations compiled policies call. Absent values are C# nulls: they compare unequal to every value and
/// equal to absent, ordering comparisons with them are false, and conditions read them as false.
/// Nothing here allocates on the path where a rule finds nothing.
/// </summary>
public static partial class Ops
{
    /// <summary>A condition's truth: absent is false.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool True(bool? value) => value == true;

    /// <summary><c>not x</c>: true when x is false or absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool? Not(bool? value) => value != true;
}
