// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Kubernetes resource quantities (<c>250m</c>, <c>512Mi</c>, <c>1.5Gi</c>, <c>1e3</c>), parsed by the KubernetesClient
/// parser: decimal suffixes n u m k M G T P E, binary suffixes Ki Mi Gi Ti Pi Ei, and decimal exponents (e/E).
/// Text with spaces or that does not parse gives absent (false for predicates). Comparisons are exact (decimal).
/// </summary>
public static class QuantityBuiltins
{
    [Builtin("quantity", BuiltinCategories.Quantities, "The quantity s stands for. Absent if s is absent or not a valid quantity.", Example = "quantity(\"1.5Gi\") == quantity(\"1536Mi\")", ConstantValidator = nameof(Validate))]
    public static ResourceQuantity? Quantity([Doc("A quantity such as \"250m\", \"512Mi\" or \"1e3\".")] string? s) => s is null ? null : Parse(s);

    [Builtin("quantityCompare", BuiltinCategories.Quantities, "-1, 0 or 1 as a is less than, equal to or greater than b. Absent if either is absent.", Example = "quantityCompare(quantity(\"500m\"), quantity(\"1\")) == -1")]
    public static long? QuantityCompare([Doc("A quantity.")] ResourceQuantity? a, [Doc("The quantity to compare with.")] ResourceQuantity? b) => Compare(a, b);

    [Builtin("quantityCompare", BuiltinCategories.Quantities, "-1, 0 or 1 as a is less than, equal to or greater than the quantity written in b. Absent if either is absent or b is not a valid quantity.", Example = "quantityCompare(c.resources.limits[\"memory\"], \"2Gi\") <= 0", ConstantValidator = nameof(Validate))]
    public static long? QuantityCompare([Doc("A quantity, e.g. a container's memory limit.")] ResourceQuantity? a, [Doc("A quantity written as text, e.g. \"2Gi\".")] string? b) =>
        Compare(a, b is null ? null : Parse(b));

    [Builtin("quantityCompare", BuiltinCategories.Quantities, "-1, 0 or 1 as the quantity written in a is less than, equal to or greater than b. Absent if either is absent or a is not a valid quantity.", Example = "quantityCompare(\"100m\", c.resources.requests[\"cpu\"]) <= 0", ConstantValidator = nameof(Validate))]
    public static long? QuantityCompare([Doc("A quantity written as text.")] string? a, [Doc("A quantity.")] ResourceQuantity? b) =>
        Compare(a is null ? null : Parse(a), b);

    [Builtin("quantityCompare", BuiltinCategories.Quantities, "-1, 0 or 1 as the quantity written in a is less than, equal to or greater than the one in b. Absent if either is absent or invalid.", Example = "quantityCompare(\"1Gi\", \"1G\") == 1", ConstantValidator = nameof(Validate))]
    public static long? QuantityCompare([Doc("A quantity written as text.")] string? a, [Doc("A quantity written as text.")] string? b) =>
        Compare(a is null ? null : Parse(a), b is null ? null : Parse(b));

    [Builtin("quantityValue", BuiltinCategories.Quantities, "The quantity as a plain number (\"250m\" is 0.25, \"1Ki\" is 1024). Absent if q is absent.", Example = "quantityValue(quantity(\"250m\")) == 0.25")]
    public static double? QuantityValue([Doc("The quantity.")] ResourceQuantity? q) => q is null ? null : (double)ToDecimal(q);

    [Builtin("quantityValue", BuiltinCategories.Quantities, "The quantity written in s as a plain number. Absent if s is absent or not a valid quantity.", Example = "quantityValue(\"1Ki\") == 1024.0", ConstantValidator = nameof(Validate))]
    public static double? QuantityValue([Doc("A quantity written as text.")] string? s) => QuantityValue(s is null ? null : Parse(s));

    [Builtin("quantitySum", BuiltinCategories.Quantities, "The sum of the quantities (absent elements are skipped), in the suffix style of the first; 0 for an empty or absent list. Absent if the sum is out of range.", Example = "quantitySum([quantity(\"500m\"), quantity(\"1\")]) == quantity(\"1500m\")")]
    public static ResourceQuantity? QuantitySum([Doc("The quantities, e.g. the CPU requests of every container.")] IList<ResourceQuantity?>? quantities)
    {
        var sum = 0m;
        ResourceQuantity.SuffixFormat? format = null;
        foreach (var q in quantities ?? [])
        {
            if (q is null)
            {
                continue;
            }

            format ??= q.Format;
            try
            {
                sum = checked(sum + ToDecimal(q));
            }
            catch (OverflowException)
            {
                return null;
            }
        }

        return new ResourceQuantity(sum, 0, format ?? ResourceQuantity.SuffixFormat.DecimalSI);
    }

    /// <summary>
    /// The constant validator of the quantity built-ins: every constant string argument must be a valid quantity.
    /// Returns the error message for an invalid constant, or null. At run time invalid text gives absent.
    /// </summary>
    public static string? Validate(int argumentIndex, object? constantValue) =>
        constantValue is string text && Parse(text) is null
            ? $"invalid quantity '{text}': expected a number with an optional suffix (n u m k M G T P E Ki Mi Gi Ti Pi Ei) or exponent, e.g. \"250m\", \"512Mi\", \"1e3\""
            : null;

    /// <summary>Parses a quantity with KubernetesClient's parser; null for invalid text (never throws).</summary>
    internal static ResourceQuantity? Parse(string s)
    {
        if (s.Length == 0 || s.Length > 64 || s.AsSpan().ContainsAny(" \t\r\n\v\f"))
        {
            return null;
        }

        try
        {
            var q = new ResourceQuantity(s);
            _ = q.ToDecimal();
            return q;
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            return null;
        }
    }

    /// <summary>The quantity in canonical form; unlike ResourceQuantity.ToString, also right for negative values.</summary>
    internal static string Format(ResourceQuantity q)
    {
        var value = ToDecimal(q);
        return value < 0 ? "-" + new ResourceQuantity(-value, 0, q.Format).CanonicalizeString() : q.CanonicalizeString();
    }

    private static decimal ToDecimal(ResourceQuantity q) => q.ToDecimal();

    private static long? Compare(ResourceQuantity? a, ResourceQuantity? b) =>
        a is null || b is null ? null : ToDecimal(a).CompareTo(ToDecimal(b));
}
