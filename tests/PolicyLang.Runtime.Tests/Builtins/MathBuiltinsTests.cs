// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using M = PolicyLang.Runtime.Builtins.MathBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class MathBuiltinsTests
{
    [Fact]
    public void Sum_skips_absent_elements_and_is_absent_on_overflow()
    {
        M.Sum([1L, 2L, null, 3L]).ShouldBe(6);
        M.Sum((IList<long?>?)[]).ShouldBe(0);
        M.Sum((IList<long?>?)null).ShouldBe(0);
        M.Sum([long.MaxValue, 1L]).ShouldBeNull();
        M.Sum([long.MinValue, -1L]).ShouldBeNull();
        M.Sum([long.MaxValue, -1L, 1L]).ShouldBe(long.MaxValue);
        M.Sum([0.5, null, 0.25]).ShouldBe(0.75);
        M.Sum((IList<double?>?)null).ShouldBe(0.0);
    }

    [Fact]
    public void Min_max_and_avg_are_absent_without_elements()
    {
        M.Min([3L, null, 1L, 2L]).ShouldBe(1);
        M.Max([3L, null, 1L, 2L]).ShouldBe(3);
        M.Min([0.5, 0.25]).ShouldBe(0.25);
        M.Max([0.5, 0.25]).ShouldBe(0.5);
        M.Avg([1L, 2L, null]).ShouldBe(1.5);
        M.Avg([0.5, 1.5]).ShouldBe(1.0);
        M.Avg([long.MaxValue, long.MaxValue]).ShouldBe(9.223372036854776e18);
        M.Min((IList<long?>?)[null]).ShouldBeNull();
        M.Max((IList<double?>?)[]).ShouldBeNull();
        M.Avg((IList<long?>?)null).ShouldBeNull();
        M.Avg((IList<double?>?)[null]).ShouldBeNull();
    }

    [Fact]
    public void Abs_floor_ceil_and_round()
    {
        M.Abs(-3L).ShouldBe(3);
        M.Abs(long.MinValue).ShouldBeNull();
        M.Abs(-0.5).ShouldBe(0.5);
        M.Floor(-1.5).ShouldBe(-2);
        M.Floor(1.9).ShouldBe(1);
        M.Ceil(1.2).ShouldBe(2);
        M.Ceil(-1.2).ShouldBe(-1);
        M.Round(2.5).ShouldBe(3);
        M.Round(-2.5).ShouldBe(-3);
        M.Round(2.4).ShouldBe(2);
        M.Floor(double.NaN).ShouldBeNull();
        M.Ceil(double.PositiveInfinity).ShouldBeNull();
        M.Round(1e20).ShouldBeNull();
        M.Abs((long?)null).ShouldBeNull();
        M.Abs((double?)null).ShouldBeNull();
        M.Floor(null).ShouldBeNull();
    }
}
