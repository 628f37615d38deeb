// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    // Building JSON pointers of findings; called only when a finding is reported.

    public static string PathIndex(int index) => "/" + index.ToString(CultureInfo.InvariantCulture);

    public static string PathIndex(long? index) => "/" + (index ?? 0).ToString(CultureInfo.InvariantCulture);

    public static string PathIndex(DocNode? index) => "/" + (AsString(index) is { } s ? JsonPointer.Escape(s) : "0");

    public static string PathKey(string? key) => "/" + JsonPointer.Escape(key ?? string.Empty);

    public static string PathKey(DocNode? key) => "/" + JsonPointer.Escape(AsString(key) ?? string.Empty);
}
