// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using Q = PolicyLang.Runtime.Builtins.QuantityBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class QuantityBuiltinsTests
{
    [Theory]
    [InlineData("1n", 1e-9)]
    [InlineData("1u", 1e-6)]
    [InlineData("250m", 0.25)]
    [InlineData("1", 1.0)]
    [InlineData("0", 0.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("-2", -2.0)]
    [InlineData("+3", 3.0)]
    [InlineData("1k", 1e3)]
    [InlineData("1M", 1e6)]
    [InlineData("1G", 1e9)]
    [InlineData("1T", 1e12)]
    [InlineData("1P", 1e15)]
    [InlineData("1E", 1e18)]
    [InlineData("1Ki", 1024.0)]
    [InlineData("1Mi", 1048576.0)]
    [InlineData("1Gi", 1073741824.0)]
    [InlineData("1Ti", 1099511627776.0)]
    [InlineData("1Pi", 1125899906842624.0)]
    [InlineData("1Ei", 1152921504606846976.0)]
    [InlineData("1.5Gi", 1610612736.0)]
    [InlineData("1e3", 1e3)]
    [InlineData("1E3", 1e3)]
    [InlineData("2e-3", 0.002)]
    [InlineData("512Mi", 536870912.0)]
    public void Every_suffix_and_exponent_has_its_value(string text, double expected)
    {
        Q.Validate(0, text).ShouldBeNull();
        Q.QuantityValue(text).ShouldNotBeNull().ShouldBe(expected, tolerance: Math.Max(Math.Abs(expected) * 1e-12, 1e-18));
        Q.QuantityValue(Q.Quantity(text)).ShouldNotBeNull().ShouldBe(expected, tolerance: Math.Max(Math.Abs(expected) * 1e-12, 1e-18));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("Mi")]
    [InlineData("1Mb")]
    [InlineData("1mi")]
    [InlineData("1.2.3")]
    [InlineData("1m5")]
    [InlineData(" 1")]
    [InlineData("1 ")]
    [InlineData("1 Gi")]
    [InlineData("1e100")]
    public void Invalid_text_is_absent_and_rejected_as_a_constant(string text)
    {
        Q.Quantity(text).ShouldBeNull();
        Q.QuantityValue(text).ShouldBeNull();
        Q.QuantityCompare(text, "1").ShouldBeNull();
        Q.Validate(0, text).ShouldNotBeNull().ShouldContain($"'{text}'");
    }

    [Theory]
    [InlineData("500m", "1", -1)]
    [InlineData("1000m", "1", 0)]
    [InlineData("1Gi", "1G", 1)]
    [InlineData("1024Mi", "1Gi", 0)]
    [InlineData("1e3", "1k", 0)]
    [InlineData("1n", "0", 1)]
    [InlineData("-1", "1n", -1)]
    [InlineData("2Gi", "2049Mi", -1)]
    public void Compare_is_exact_across_suffixes(string a, string b, long expected)
    {
        Q.QuantityCompare(a, b).ShouldBe(expected);
        Q.QuantityCompare(new ResourceQuantity(a), b).ShouldBe(expected);
        Q.QuantityCompare(a, new ResourceQuantity(b)).ShouldBe(expected);
        Q.QuantityCompare(new ResourceQuantity(a), new ResourceQuantity(b)).ShouldBe(expected);
        Q.QuantityCompare(b, a).ShouldBe(-expected);
    }

    [Fact]
    public void Compare_is_absent_when_a_side_is_absent_or_invalid()
    {
        Q.QuantityCompare((ResourceQuantity?)null, new ResourceQuantity("1")).ShouldBeNull();
        Q.QuantityCompare(new ResourceQuantity("1"), (ResourceQuantity?)null).ShouldBeNull();
        Q.QuantityCompare(new ResourceQuantity("1"), (string?)null).ShouldBeNull();
        Q.QuantityCompare(new ResourceQuantity("1"), "lots").ShouldBeNull();
        Q.QuantityCompare((string?)null, new ResourceQuantity("1")).ShouldBeNull();
        Q.QuantityCompare((string?)null, (string?)null).ShouldBeNull();
    }

    [Fact]
    public void Quantity_keeps_the_value_and_canonical_form()
    {
        var q = Q.Quantity("1.5Gi").ShouldNotBeNull();
        q.ToDecimal().ShouldBe(1610612736m);
        Q.Format(q).ShouldBe("1536Mi");
        Q.Format(new ResourceQuantity("-1")).ShouldBe("-1");
        Q.Format(new ResourceQuantity("-250m")).ShouldBe("-250m");
        Q.Quantity(null).ShouldBeNull();
        Q.QuantityValue((string?)null).ShouldBeNull();
        Q.QuantityValue((ResourceQuantity?)null).ShouldBeNull();
    }

    [Fact]
    public void Sum_adds_exactly_and_skips_absent_elements()
    {
        var sum = Q.QuantitySum([new ResourceQuantity("500m"), null, new ResourceQuantity("1"), new ResourceQuantity("250m")]).ShouldNotBeNull();
        sum.ToDecimal().ShouldBe(1.75m);
        Q.Format(sum).ShouldBe("1750m");
        var memory = Q.QuantitySum([new ResourceQuantity("512Mi"), new ResourceQuantity("1.5Gi")]).ShouldNotBeNull();
        Q.Format(memory).ShouldBe("2Gi");
        Q.QuantitySum([]).ShouldNotBeNull().ToDecimal().ShouldBe(0m);
        Q.QuantitySum(null).ShouldNotBeNull().ToDecimal().ShouldBe(0m);
    }
}
