// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary>A Kubernetes timestamp (<c>DateTime</c>, UTC) as a timestamp.</summary>
    public static DateTimeOffset? Time(DateTime? value) => value is { } t ? new DateTimeOffset(DateTime.SpecifyKind(t, t.Kind == DateTimeKind.Unspecified ? DateTimeKind.Utc : t.Kind)) : null;

    /// <summary>Bytes as base64 text.</summary>
    public static string? Base64(byte[]? value) => value is null ? null : Convert.ToBase64String(value);

    /// <summary>An IntOrString as text.</summary>
    public static string? Text(IntOrString? value) => value?.Value;

    /// <summary>Makes a constant list (the generated code shares one instance).</summary>
    public static IList<T> ConstList<T>(params T[] items) => new ListLiteral<T>(items);

    /// <summary>Makes a constant set.</summary>
    public static ISet<T> ConstSet<T>(params T[] items) => new HashSet<T>(items);
}
