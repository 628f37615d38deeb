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

    /// <summary>The token of <c>list[index]</c>: a negative index counts from the end, as reading it does.</summary>
    public static string PathAt<T>(IList<T>? list, long? index) => PathIndex(FromEnd(list?.Count, index));

    /// <summary>The token of <c>dynamic[index]</c> for a position: a negative one counts from the end of a list.</summary>
    public static string PathAt(DocNode? list, long? index) => PathIndex(FromEnd((list as DocList)?.Count, index));

    /// <summary>The token of <c>dynamic[index]</c>: a position (negative counts from the end) or a key.</summary>
    public static string PathAt(DocNode? list, DocNode? index) =>
        index is DocScalar { Kind: DocNodeKind.Integer } position ? PathAt(list, position.AsInteger()) : PathIndex(index);

    /// <summary>
    /// The path of <c>list[index]</c> for a list gathered from several places (its elements' paths in order); the
    /// empty path (the document) when no element is there.
    /// </summary>
    public static string ElementPath(IList<string>? paths, long? index) =>
        paths is not null && FromEnd(paths.Count, index) is { } i && i >= 0 && i < paths.Count ? paths[(int)i] : string.Empty;

    private static long? FromEnd(int? count, long? index) => index is < 0 && count is { } n ? index + n : index;

    public static string PathKey(string? key) => "/" + JsonPointer.Escape(key ?? string.Empty);

    public static string PathKey(DocNode? key) => "/" + JsonPointer.Escape(AsString(key) ?? string.Empty);
}
