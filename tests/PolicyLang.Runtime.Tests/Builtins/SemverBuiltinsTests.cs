// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using V = PolicyLang.Runtime.Builtins.SemverBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class SemverBuiltinsTests
{
    // The precedence example of the SemVer 2.0 specification, in ascending order.
    private static readonly string[] Ascending =
        ["1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.1.0", "2.0.0"];

    [Fact]
    public void Compare_follows_semver_precedence_including_pre_releases()
    {
        for (var i = 0; i < Ascending.Length; i++)
        {
            for (var j = 0; j < Ascending.Length; j++)
            {
                V.SemverCompare(Ascending[i], Ascending[j]).ShouldBe(i.CompareTo(j), $"{Ascending[i]} vs {Ascending[j]}");
            }
        }
    }

    [Fact]
    public void Compare_ignores_build_metadata_and_a_leading_v_and_is_numeric()
    {
        V.SemverCompare("1.0.0+build.1", "1.0.0+build.2").ShouldBe(0);
        V.SemverCompare("v1.2.3", "1.2.3").ShouldBe(0);
        V.SemverCompare("V1.2.3", "1.2.4").ShouldBe(-1);
        V.SemverCompare("1.10.0", "1.9.0").ShouldBe(1);
        V.SemverCompare("1.0.0-2", "1.0.0-10").ShouldBe(-1);
        V.SemverCompare("1.0.0-a10", "1.0.0-a9").ShouldBe(-1);
    }

    [Theory]
    [InlineData(null, "1.0.0")]
    [InlineData("1.0.0", null)]
    [InlineData("1.0", "1.0.0")]
    [InlineData("1.0.0", "01.0.0")]
    [InlineData("x", "1.0.0")]
    public void Compare_is_absent_for_absent_or_invalid_versions(string? a, string? b) => V.SemverCompare(a, b).ShouldBeNull();

    [Theory]
    [InlineData("1.2.3", true)]
    [InlineData("v1.27.3", true)]
    [InlineData("1.0.0-rc.1+build.5", true)]
    [InlineData("1.0.0-0A.is.legal", true)]
    [InlineData("99999999999999999999.0.0", true)]
    [InlineData("1.2", false)]
    [InlineData("1", false)]
    [InlineData("01.2.3", false)]
    [InlineData("1.2.3-", false)]
    [InlineData("1.2.3-01", false)]
    [InlineData("1.2.3+", false)]
    [InlineData(" 1.2.3", false)]
    [InlineData("vv1.2.3", false)]
    [InlineData("", false)]
    [InlineData(null, false)]
    public void Valid_accepts_strict_semver_with_an_optional_v(string? s, bool expected) => V.SemverValid(s).ShouldBe(expected);

    [Theory]
    [InlineData("1.4.2", ">=1.2.0 <2.0.0", true)]
    [InlineData("2.0.0", ">=1.2.0 <2.0.0", false)]
    [InlineData("1.1.9", ">=1.2.0 <2.0.0", false)]
    [InlineData("1.2.0", "^1.2", true)]
    [InlineData("1.9.9", "^1.2", true)]
    [InlineData("2.0.0", "^1.2", false)]
    [InlineData("0.2.5", "^0.2.3", true)]
    [InlineData("0.3.0", "^0.2.3", false)]
    [InlineData("1.2.9", "~1.2.3", true)]
    [InlineData("1.3.0", "~1.2.3", false)]
    [InlineData("1.2.2", "~1.2.3", false)]
    [InlineData("1.99.0", "1.x", true)]
    [InlineData("2.0.0", "1.x", false)]
    [InlineData("3.1.4", "*", true)]
    [InlineData("1.3.0", "1.2 - 1.4", true)]
    [InlineData("1.5.0", "1.2 - 1.4", false)]
    [InlineData("0.9.0", "<1.0.0 || >=2.0.0", true)]
    [InlineData("1.5.0", "<1.0.0 || >=2.0.0", false)]
    [InlineData("v1.27.3", ">=1.27.0", true)]
    [InlineData("1.2.3+build", "=1.2.3", true)]
    [InlineData("2.0.0-rc.1", ">=1.0.0", false)]
    [InlineData("1.2.3-beta.2", ">=1.2.3-beta.1", true)]
    [InlineData("1.2.4-beta.2", ">=1.2.3-beta.1", false)]
    public void Satisfies_reads_npm_ranges(string version, string range, bool expected)
    {
        V.Validate(1, range).ShouldBeNull();
        V.SemverSatisfies(version, range).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null, ">=1.0.0")]
    [InlineData("1.0.0", null)]
    [InlineData("1.0", ">=1.0.0")]
    [InlineData("1.0.0", ">>1.0")]
    [InlineData("1.0.0", "one")]
    public void Satisfies_is_false_for_absent_or_invalid_input(string? version, string? range) => V.SemverSatisfies(version, range).ShouldBeFalse();

    [Fact]
    public void A_constant_invalid_range_is_rejected_at_compile_time()
    {
        V.Validate(1, ">>1.0").ShouldNotBeNull().ShouldContain(">>1.0");
        V.Validate(1, "^1.2").ShouldBeNull();
        V.Validate(0, ">>1.0").ShouldBeNull();
    }

    [Fact]
    public void Parts_of_a_version()
    {
        V.SemverMajor("v1.27.3").ShouldBe(1);
        V.SemverMinor("v1.27.3").ShouldBe(27);
        V.SemverPatch("v1.27.3").ShouldBe(3);
        V.SemverPrerelease("1.0.0-rc.1+b").ShouldBe("rc.1");
        V.SemverPrerelease("1.0.0").ShouldBe("");
        V.SemverMajor("99999999999999999999.0.0").ShouldBeNull();
        V.SemverMajor("1.2").ShouldBeNull();
        V.SemverMinor(null).ShouldBeNull();
        V.SemverPatch("x").ShouldBeNull();
        V.SemverPrerelease(null).ShouldBeNull();
    }
}
