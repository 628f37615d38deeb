// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Builtins;
using PolicyLang.Runtime.Values;

namespace PolicyLang.Runtime.Tests.Values;

/// <summary>List literals (<see cref="Ops.ConstList{T}"/>): read-only lists whose membership tests scan their array, or hash it when it is long.</summary>
public sealed class ListLiteralTests
{
    [Fact]
    public void Membership_in_a_list_literal_is_default_equality_as_in_any_other_list()
    {
        var names = Ops.ConstList("RuntimeDefault", "Localhost");
        Ops.Contains(names, "Localhost").ShouldBeTrue();
        Ops.Contains(names, "localhost").ShouldBeFalse();
        Ops.Contains(Ops.ConstList<string?>("RuntimeDefault", "Localhost"), null).ShouldBeFalse();
        Ops.Contains(Ops.ConstList<string?>("a", null), null).ShouldBeTrue();
        Ops.Contains(Ops.ConstList<long?>(1L, 2L), 2L).ShouldBeTrue();
        Ops.Contains(Ops.ConstList<long?>(1L, 2L), null).ShouldBeFalse();
        Ops.Contains(Ops.ConstList<string>(), "a").ShouldBeFalse();
    }

    [Fact]
    public void Membership_in_a_long_list_literal_hashes_with_the_same_answers_as_a_scan()
    {
        var random = new Random(7);
        var words = Enumerable.Range(0, 40).Select(i => "w" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var numbers = Enumerable.Range(0, 40).Select(i => (long?)(i * 7)).ToArray();
        for (var length = 0; length < 20; length++)
        {
            string[] chosen = [.. words.OrderBy(_ => random.Next()).Take(length)];
            long?[] chosenNumbers = [.. numbers.OrderBy(_ => random.Next()).Take(length)];
            var list = Ops.ConstList(chosen);
            var numberList = Ops.ConstList(chosenNumbers);
            foreach (var word in words.Append("W0").Append(string.Empty))
            {
                Ops.Contains(list, word).ShouldBe(Array.IndexOf(chosen, word) >= 0, $"{word} in [{string.Join(", ", chosen)}]");
            }

            foreach (var number in numbers.Append(null).Append(-1L))
            {
                Ops.Contains(numberList, number).ShouldBe(Array.IndexOf(chosenNumbers, number) >= 0);
            }

            Ops.Contains(Ops.ConstList<string?>([.. chosen, null]), null).ShouldBeTrue();
            Ops.Contains(Ops.ConstList<string?>(chosen), null).ShouldBeFalse();
        }
    }

    [Fact]
    public void Intersecting_with_a_list_literal_finds_a_common_element()
    {
        var allowed = Ops.ConstList("configMap", "secret", "emptyDir");
        SetBuiltins.Intersects<string>(["hostPath", "secret"], allowed).ShouldBeTrue();
        SetBuiltins.Intersects<string>(["hostPath"], allowed).ShouldBeFalse();
        SetBuiltins.Intersects(allowed, Ops.ConstList("emptyDir")).ShouldBeTrue();
    }

    [Fact]
    public void A_list_literal_is_read_only_and_keeps_its_order()
    {
        var list = Ops.ConstList("b", "a");
        list.ShouldBe(["b", "a"]);
        list.IsReadOnly.ShouldBeTrue();
        Should.Throw<NotSupportedException>(() => list.Add("c"));
        Should.Throw<NotSupportedException>(() => list[0] = "c");
        Ops.At(list, -1L).ShouldBe("a");
    }
}
