// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Runtime.CompilerServices;
using k8s.Models;

namespace PolicyLang.Runtime.Values;

public static partial class Ops
{
    /// <summary>Ordinal comparison of strings; null (no order) when either is absent.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int? Compare(string? left, string? right) =>
        left is null || right is null ? null : string.CompareOrdinal(left, right);

    /// <summary>Compares quantities by value (<c>1Gi</c> &gt; <c>512Mi</c>); null when either is absent or invalid.</summary>
    public static int? Compare(ResourceQuantity? left, ResourceQuantity? right)
    {
        if (left is null || right is null || !TryValue(left, out var l) || !TryValue(right, out var r))
        {
            return null;
        }

        return l.CompareTo(r);
    }

    /// <summary>Quantity equality by value; two absent quantities are equal.</summary>
    public static bool QuantityEquals(ResourceQuantity? left, ResourceQuantity? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null;
        }

        return TryValue(left, out var l) && TryValue(right, out var r) && l == r;
    }

    /// <summary>A quantity from text; absent when the text is absent or not a quantity.</summary>
    public static ResourceQuantity? Quantity(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            var quantity = new ResourceQuantity(text);
            return TryValue(quantity, out _) ? quantity : null;
        }
        catch (FormatException)
        {
            return null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>Structural equality of collections and values (lists in order, sets and maps as sets of entries).</summary>
    public static bool DeepEquals(object? left, object? right)
    {
        if (ReferenceEquals(left, right))
        {
            return true;
        }

        if (left is null || right is null)
        {
            return false;
        }

        if (left is string || right is string || left.GetType().IsValueType)
        {
            return left.Equals(right);
        }

        if (left is System.Collections.IDictionary leftMap && right is System.Collections.IDictionary rightMap)
        {
            if (leftMap.Count != rightMap.Count)
            {
                return false;
            }

            foreach (System.Collections.DictionaryEntry entry in leftMap)
            {
                if (!rightMap.Contains(entry.Key) || !DeepEquals(entry.Value, rightMap[entry.Key]))
                {
                    return false;
                }
            }

            return true;
        }

        if (IsSet(left) && IsSet(right) && left is System.Collections.IEnumerable leftSet && right is System.Collections.IEnumerable rightSet)
        {
            var a = leftSet.Cast<object?>().ToList();
            var b = rightSet.Cast<object?>().ToList();
            return a.Count == b.Count && a.All(x => b.Any(y => DeepEquals(x, y)));
        }

        if (left is System.Collections.IList leftList && right is System.Collections.IList rightList)
        {
            if (leftList.Count != rightList.Count)
            {
                return false;
            }

            for (var i = 0; i < leftList.Count; i++)
            {
                if (!DeepEquals(leftList[i], rightList[i]))
                {
                    return false;
                }
            }

            return true;
        }

        return left.Equals(right);
    }

    private static bool IsSet(object value) => value.GetType().GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(ISet<>));

    private static bool TryValue(ResourceQuantity quantity, out decimal value)
    {
        try
        {
            value = quantity.ToDecimal();
            return true;
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or NullReferenceException)
        {
            value = 0;
            return false;
        }
    }
}
