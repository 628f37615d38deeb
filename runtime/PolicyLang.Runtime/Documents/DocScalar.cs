// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;

namespace PolicyLang.Runtime.Documents;

/// <summary>
/// A scalar node. <see cref="Text"/> is the scalar as written (without quotes); <see cref="DocNode.Kind"/> is
/// its resolved type (YAML 1.2 core schema for plain scalars; quoted scalars are strings).
/// </summary>
public sealed class DocScalar : DocNode
{
    private readonly DocNodeKind _kind;

    public DocScalar(DocNodeKind kind, string text, int line, int column)
        : base(line, column)
    {
        if (kind is DocNodeKind.Map or DocNodeKind.List)
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "A scalar cannot be a map or a list.");
        }

        _kind = kind;
        Text = text;
    }

    public override DocNodeKind Kind => _kind;

    public string Text { get; }

    public bool IsNull => _kind == DocNodeKind.Null;

    public bool? AsBoolean() => _kind == DocNodeKind.Boolean ? string.Equals(Text, "true", StringComparison.OrdinalIgnoreCase) : null;

    public long? AsInteger() =>
        _kind == DocNodeKind.Integer && long.TryParse(Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
        : _kind == DocNodeKind.Integer && Text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) && long.TryParse(Text.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var h) ? h
        : _kind == DocNodeKind.Integer && Text.StartsWith("0o", StringComparison.OrdinalIgnoreCase) ? ParseOctal(Text.AsSpan(2))
        : null;

    public double? AsFloat() => _kind switch
    {
        DocNodeKind.Float or DocNodeKind.Integer => ParseFloat(Text),
        _ => null,
    };

    /// <summary>The scalar as a string as policies see it: null for a null scalar, the text otherwise.</summary>
    public string? AsString() => _kind == DocNodeKind.Null ? null : Text;

    private static long? ParseOctal(ReadOnlySpan<char> digits)
    {
        long value = 0;
        foreach (var ch in digits)
        {
            if (ch is < '0' or > '7')
            {
                return null;
            }

            value = checked((value * 8) + (ch - '0'));
        }

        return value;
    }

    private static double? ParseFloat(string text) => text switch
    {
        ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" => double.PositiveInfinity,
        "-.inf" or "-.Inf" or "-.INF" => double.NegativeInfinity,
        ".nan" or ".NaN" or ".NAN" => double.NaN,
        _ => double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : null,
    };
}
