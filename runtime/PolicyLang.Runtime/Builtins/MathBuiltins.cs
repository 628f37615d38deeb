// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Arithmetic over numbers and lists of numbers. Absent elements of a list are skipped; an absent list counts as
/// empty. Integer results that would overflow are absent rather than wrong.
/// </summary>
public static class MathBuiltins
{
    [Builtin("sum", BuiltinCategories.Math, "The sum of the integers; 0 for an empty or absent list. Absent if it overflows.", Example = "sum([1, 2, 3]) == 6")]
    public static long? Sum([Doc("The integers.")] IList<long?>? values)
    {
        long total = 0;
        foreach (var v in values ?? [])
        {
            if (v is { } x)
            {
                if ((x > 0 && total > long.MaxValue - x) || (x < 0 && total < long.MinValue - x))
                {
                    return null;
                }

                total += x;
            }
        }

        return total;
    }

    [Builtin("sum", BuiltinCategories.Math, "The sum of the floats; 0 for an empty or absent list.", Example = "sum([0.5, 0.25]) == 0.75")]
    public static double Sum([Doc("The floats.")] IList<double?>? values) => Present(values).Sum();

    [Builtin("min", BuiltinCategories.Math, "The smallest integer. Absent if there is none.", Example = "min([3, 1, 2]) == 1")]
    public static long? Min([Doc("The integers.")] IList<long?>? values) => Present(values).AsNullable().Min();

    [Builtin("min", BuiltinCategories.Math, "The smallest float. Absent if there is none.", Example = "min([0.5, 0.25]) == 0.25")]
    public static double? Min([Doc("The floats.")] IList<double?>? values) => Present(values).AsNullable().Min();

    [Builtin("max", BuiltinCategories.Math, "The largest integer. Absent if there is none.", Example = "max([3, 1, 2]) == 3")]
    public static long? Max([Doc("The integers.")] IList<long?>? values) => Present(values).AsNullable().Max();

    [Builtin("max", BuiltinCategories.Math, "The largest float. Absent if there is none.", Example = "max([0.5, 0.25]) == 0.5")]
    public static double? Max([Doc("The floats.")] IList<double?>? values) => Present(values).AsNullable().Max();

    [Builtin("avg", BuiltinCategories.Math, "The mean of the integers, as a float. Absent if there are none.", Example = "avg([1, 2]) == 1.5")]
    public static double? Avg([Doc("The integers.")] IList<long?>? values)
    {
        var present = Present(values).ToList();
        return present.Count == 0 ? null : present.Average(v => (double)v);
    }

    [Builtin("avg", BuiltinCategories.Math, "The mean of the floats. Absent if there are none.", Example = "avg([0.5, 1.5]) == 1.0")]
    public static double? Avg([Doc("The floats.")] IList<double?>? values)
    {
        var present = Present(values).ToList();
        return present.Count == 0 ? null : present.Average();
    }

    [Builtin("abs", BuiltinCategories.Math, "The absolute value. Absent if x is absent or has none in range (the smallest integer).", Example = "abs(-3) == 3")]
    public static long? Abs([Doc("The integer.")] long? x) => x is { } v && v != long.MinValue ? Math.Abs(v) : null;

    [Builtin("abs", BuiltinCategories.Math, "The absolute value. Absent if x is absent.", Example = "abs(-0.5) == 0.5")]
    public static double? Abs([Doc("The float.")] double? x) => x is { } v ? Math.Abs(v) : null;

    [Builtin("floor", BuiltinCategories.Math, "The largest integer not above x. Absent if x is absent, not finite or out of the integer range.", Example = "floor(-1.5) == -2")]
    public static long? Floor([Doc("The float.")] double? x) => x is { } v ? ToLong(Math.Floor(v)) : null;

    [Builtin("ceil", BuiltinCategories.Math, "The smallest integer not below x. Absent if x is absent, not finite or out of the integer range.", Example = "ceil(1.2) == 2")]
    public static long? Ceil([Doc("The float.")] double? x) => x is { } v ? ToLong(Math.Ceiling(v)) : null;

    [Builtin("round", BuiltinCategories.Math, "x rounded to the nearest integer, halves away from zero (2.5 is 3, -2.5 is -3). Absent if x is absent, not finite or out of the integer range.", Example = "round(2.5) == 3")]
    public static long? Round([Doc("The float.")] double? x) => x is { } v ? ToLong(Math.Round(v, MidpointRounding.AwayFromZero)) : null;

    private static IEnumerable<T> Present<T>(IList<T?>? values)
        where T : struct => (values ?? []).Where(v => v.HasValue).Select(v => v.GetValueOrDefault());

    private static IEnumerable<T?> AsNullable<T>(this IEnumerable<T> values)
        where T : struct => values.Select(v => (T?)v);

    private static long? ToLong(double v) => double.IsFinite(v) && v >= -9.2233720368547758e18 && v < 9.2233720368547758e18 ? (long)v : null;
}
