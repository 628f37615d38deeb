// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using YamlDotNet.Core;

namespace PolicyLang.Runtime.Adapters.Yaml;

/// <summary>
/// Resolves the type of a scalar by the YAML 1.2 core schema: plain scalars are null, booleans, integers
/// (decimal, <c>0o</c> octal, <c>0x</c> hex), floats (including <c>.inf</c> and <c>.nan</c>) or strings;
/// quoted and block scalars are strings. The standard tags (<c>!!str</c>, <c>!!int</c>, …) and the
/// non-specific tag <c>!</c> are honoured.
/// </summary>
internal static class CoreSchema
{
    private const string TagPrefix = "tag:yaml.org,2002:";

    public static DocNodeKind Resolve(string value, ScalarStyle style, TagName tag)
    {
        if (tag.IsNonSpecific)
        {
            return DocNodeKind.String;
        }

        if (!tag.IsEmpty && tag.Value.StartsWith(TagPrefix, StringComparison.Ordinal))
        {
            var wanted = tag.Value[TagPrefix.Length..] switch
            {
                "str" => DocNodeKind.String,
                "int" => DocNodeKind.Integer,
                "float" => DocNodeKind.Float,
                "bool" => DocNodeKind.Boolean,
                "null" => DocNodeKind.Null,
                _ => (DocNodeKind?)null,
            };
            if (wanted is { } kind)
            {
                var resolved = ResolvePlain(value);

                // An explicit !!float accepts an integer's text; anything that does not fit stays a string.
                return kind == DocNodeKind.String ? kind
                    : resolved == kind || (kind == DocNodeKind.Float && resolved == DocNodeKind.Integer) ? kind
                    : DocNodeKind.String;
            }
        }

        return style == ScalarStyle.Plain ? ResolvePlain(value) : DocNodeKind.String;
    }

    public static DocNodeKind ResolvePlain(string value)
    {
        if (value.Length == 0)
        {
            return DocNodeKind.Null;
        }

        switch (value)
        {
            case "~" or "null" or "Null" or "NULL":
                return DocNodeKind.Null;
            case "true" or "True" or "TRUE" or "false" or "False" or "FALSE":
                return DocNodeKind.Boolean;
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF" or "-.inf" or "-.Inf" or "-.INF" or ".nan" or ".NaN" or ".NAN":
                return DocNodeKind.Float;
        }

        var first = value[0];
        if (!char.IsAsciiDigit(first) && first is not ('-' or '+' or '.'))
        {
            return DocNodeKind.String;
        }

        if (value.Length > 2 && value[0] == '0' && value[1] == 'o')
        {
            return AllOf(value.AsSpan(2), static c => c is >= '0' and <= '7') ? DocNodeKind.Integer : DocNodeKind.String;
        }

        if (value.Length > 2 && value[0] == '0' && value[1] == 'x')
        {
            return AllOf(value.AsSpan(2), char.IsAsciiHexDigit) ? DocNodeKind.Integer : DocNodeKind.String;
        }

        return IsDecimalInteger(value) ? DocNodeKind.Integer
            : IsFloat(value) ? DocNodeKind.Float
            : DocNodeKind.String;
    }

    private static bool IsDecimalInteger(string value)
    {
        var digits = value.AsSpan(value[0] is '-' or '+' ? 1 : 0);
        return digits.Length > 0 && AllOf(digits, char.IsAsciiDigit);
    }

    // [-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?
    private static bool IsFloat(string value)
    {
        var i = value[0] is '-' or '+' ? 1 : 0;
        var integerDigits = CountDigits(value, ref i);
        var fractionDigits = 0;
        if (i < value.Length && value[i] == '.')
        {
            i++;
            fractionDigits = CountDigits(value, ref i);
            if (integerDigits == 0 && fractionDigits == 0)
            {
                return false;
            }
        }
        else if (integerDigits == 0)
        {
            return false;
        }

        if (i < value.Length && value[i] is 'e' or 'E')
        {
            i++;
            if (i < value.Length && value[i] is '-' or '+')
            {
                i++;
            }

            if (CountDigits(value, ref i) == 0)
            {
                return false;
            }
        }

        return i == value.Length;
    }

    private static int CountDigits(string value, ref int index)
    {
        var start = index;
        while (index < value.Length && char.IsAsciiDigit(value[index]))
        {
            index++;
        }

        return index - start;
    }

    private static bool AllOf(ReadOnlySpan<char> text, Func<char, bool> predicate)
    {
        foreach (var c in text)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }
}
