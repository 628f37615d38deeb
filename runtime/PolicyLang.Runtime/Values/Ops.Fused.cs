// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Builtins;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary>
    /// <c>int(substring(s, start, end))</c> without the intermediate string: the generator emits it for that nesting
    /// (the Pod Security version helpers parse the minor version out of <c>"v1.&lt;minor&gt;"</c> on every subject).
    /// The same clamping as <see cref="StringBuiltins.Substring(string?, long?, long?)"/> and the same parsing as
    /// <see cref="StringBuiltins.ToInt(string?)"/>, so the value is identical.
    /// </summary>
    public static long? IntOfSubstring(string? s, long? start, long? end = null)
    {
        if (s is null || start is null)
        {
            return null;
        }

        var length = TextIndex.RuneCount(s);
        var from = (int)Math.Clamp(start.Value, 0, length);
        var to = (int)Math.Clamp(end ?? length, 0, length);
        var text = to <= from ? ReadOnlySpan<char>.Empty : s.AsSpan()[TextIndex.CharOffset(s, from)..TextIndex.CharOffset(s, to)];
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;
    }
}
