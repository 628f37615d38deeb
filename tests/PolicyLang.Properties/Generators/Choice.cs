// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using CsCheck;

namespace PolicyLang.Properties.Generators;

/// <summary>
/// Weighted choice between generators that are built only when chosen (a typed grammar builds its generators on
/// demand, since each depends on the variables in scope). Earlier options shrink first: list the simplest first.
/// </summary>
internal static class Choice
{
    public static Gen<T> Of<T>(params (int Weight, Func<Gen<T>> Make)[] options)
    {
        var available = options.Where(o => o.Weight > 0).ToArray();
        var total = available.Sum(o => o.Weight);
        return Gen.Int[0, total - 1].SelectMany(roll =>
        {
            foreach (var (weight, make) in available)
            {
                if (roll < weight)
                {
                    return make();
                }

                roll -= weight;
            }

            return available[^1].Make();
        });
    }

    public static Gen<string> Text(params string[] values) => Gen.OneOf(values);

    /// <summary>Zero or more items generated one after the other, each seeing what the ones before it produced.</summary>
    public static Gen<IReadOnlyList<T>> Sequence<T>(int count, Func<int, Gen<T>> item)
    {
        Gen<IReadOnlyList<T>> result = Gen.Const<IReadOnlyList<T>>([]);
        for (var i = 0; i < count; i++)
        {
            var index = i;
            result = result.SelectMany(done => item(index).Select(next => (IReadOnlyList<T>)[.. done, next]));
        }

        return result;
    }
}
