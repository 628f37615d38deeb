// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s.Models;
using PolicyLang.Runtime.Builtins;
using S = PolicyLang.Runtime.Builtins.StringBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class StringBuiltinsTests
{
    [Fact]
    public void Case_mapping_is_invariant()
    {
        S.Lower("NGINX-Ä").ShouldBe("nginx-ä");
        S.Upper("tcp").ShouldBe("TCP");
        S.Lower("I").ShouldBe("i");
        S.Lower(null).ShouldBeNull();
        S.Upper(null).ShouldBeNull();
    }

    [Fact]
    public void Trim_removes_surrounding_white_space_only()
    {
        S.Trim(" \t a b \n").ShouldBe("a b");
        S.Trim(null).ShouldBeNull();
    }

    [Fact]
    public void TrimPrefix_and_trimSuffix_remove_once_and_only_when_present()
    {
        S.TrimPrefix("vv1.2", "v").ShouldBe("v1.2");
        S.TrimPrefix("1.2", "v").ShouldBe("1.2");
        S.TrimPrefix("abc", null).ShouldBe("abc");
        S.TrimPrefix(null, "v").ShouldBeNull();
        S.TrimSuffix("app.yaml.yaml", ".yaml").ShouldBe("app.yaml");
        S.TrimSuffix("app.yml", ".yaml").ShouldBe("app.yml");
        S.TrimSuffix(null, "x").ShouldBeNull();
    }

    [Fact]
    public void Split_keeps_empty_parts_and_splits_into_characters_on_an_empty_separator()
    {
        S.Split("a,b,,c", ",").ShouldBe(["a", "b", "", "c"]);
        S.Split("", ",").ShouldBe([""]);
        S.Split("a::b", "::").ShouldBe(["a", "b"]);
        S.Split("a👍b", "").ShouldBe(["a", "👍", "b"]);
        S.Split(null, ",").ShouldBeNull();
        S.Split("a", null).ShouldBeNull();
    }

    [Fact]
    public void Join_skips_absent_elements()
    {
        S.Join(["a", null, "b"], "/").ShouldBe("a/b");
        S.Join(["a", "b"], null).ShouldBe("ab");
        S.Join([], ",").ShouldBe("");
        S.Join(null, ",").ShouldBe("");
    }

    [Fact]
    public void Replace_replaces_every_occurrence_ordinally()
    {
        S.Replace("a-b-c", "-", ".").ShouldBe("a.b.c");
        S.Replace("aAa", "a", "x").ShouldBe("xAx");
        S.Replace("abc", "", "x").ShouldBe("abc");
        S.Replace("abc", "b", null).ShouldBe("ac");
        S.Replace("abc", null, "x").ShouldBe("abc");
        S.Replace(null, "a", "b").ShouldBeNull();
    }

    [Fact]
    public void Predicates_are_ordinal_and_false_for_absent()
    {
        S.StartsWith("registry.example.com/app", "registry.example.com/").ShouldBeTrue();
        S.StartsWith("Registry", "registry").ShouldBeFalse();
        S.StartsWith(null, "").ShouldBeFalse();
        S.StartsWith("a", null).ShouldBeFalse();
        S.EndsWith("app.yaml", ".yaml").ShouldBeTrue();
        S.EndsWith("app.yaml", ".YAML").ShouldBeFalse();
        S.EndsWith(null, "a").ShouldBeFalse();
        S.Contains("--privileged=true", "privileged").ShouldBeTrue();
        S.Contains("abc", "d").ShouldBeFalse();
        S.Contains((string?)null, "a").ShouldBeFalse();
        S.Contains("a", (string?)null).ShouldBeFalse();
    }

    [Fact]
    public void Contains_on_lists_and_sets_compares_by_value()
    {
        S.Contains<string?>(["NET_ADMIN", "SYS_TIME"], "NET_ADMIN").ShouldBeTrue();
        S.Contains<string?>(["NET_ADMIN"], "net_admin").ShouldBeFalse();
        S.Contains<long?>([1, 2, null], 2).ShouldBeTrue();
        S.Contains<long?>([1, null], null).ShouldBeFalse();
        S.Contains<string?>((IList<string?>?)null, "a").ShouldBeFalse();
        S.Contains<string>(new HashSet<string> { "a" }, "a").ShouldBeTrue();
        S.Contains<string>(new HashSet<string> { "a" }, "b").ShouldBeFalse();
        S.Contains<string?>((ISet<string?>?)null, "a").ShouldBeFalse();
    }

    [Fact]
    public void IndexOf_counts_code_points_and_gives_minus_one_when_missing()
    {
        S.IndexOf("a=b", "=").ShouldBe(1);
        S.IndexOf("a=b", "x").ShouldBe(-1);
        S.IndexOf("👍=b", "=").ShouldBe(1);
        S.IndexOf("abc", "").ShouldBe(0);
        S.IndexOf(null, "a").ShouldBeNull();
        S.IndexOf("a", null).ShouldBeNull();
        S.LastIndexOf("a/b/c", "/").ShouldBe(3);
        S.LastIndexOf("👍/👍/c", "/").ShouldBe(3);
        S.LastIndexOf("abc", "x").ShouldBe(-1);
        S.LastIndexOf(null, "a").ShouldBeNull();
    }

    [Fact]
    public void Substring_clamps_and_never_throws()
    {
        S.Substring("sha256:abc", 0, 6).ShouldBe("sha256");
        S.Substring("sha256:abc", 7).ShouldBe("abc");
        S.Substring("abc", -5, 2).ShouldBe("ab");
        S.Substring("abc", 1, 100).ShouldBe("bc");
        S.Substring("abc", 2, 1).ShouldBe("");
        S.Substring("abc", 5).ShouldBe("");
        S.Substring("abc", long.MinValue, long.MaxValue).ShouldBe("abc");
        S.Substring("a👍b", 1, 2).ShouldBe("👍");
        S.Substring("abc", 1, null).ShouldBe("bc");
        S.Substring(null, 0, 1).ShouldBeNull();
        S.Substring("abc", null, 1).ShouldBeNull();
    }

    [Fact]
    public void Repeat_is_bounded()
    {
        S.Repeat("ab", 3).ShouldBe("ababab");
        S.Repeat("ab", 0).ShouldBe("");
        S.Repeat("", long.MaxValue).ShouldBe("");
        S.Repeat("ab", -1).ShouldBeNull();
        S.Repeat("ab", StringBuiltins.MaxRepeatLength).ShouldBeNull();
        S.Repeat("a", StringBuiltins.MaxRepeatLength)?.Length.ShouldBe(StringBuiltins.MaxRepeatLength);
        S.Repeat(null, 2).ShouldBeNull();
        S.Repeat("a", null).ShouldBeNull();
    }

    [Fact]
    public void String_formats_every_scalar_type()
    {
        S.ToString(8080L).ShouldBe("8080");
        S.ToString(-1L).ShouldBe("-1");
        S.ToString(0.5).ShouldBe("0.5");
        S.ToString(1.0).ShouldBe("1");
        S.ToString(0.1 + 0.2).ShouldBe("0.30000000000000004");
        S.ToString(true).ShouldBe("true");
        S.ToString(false).ShouldBe("false");
        S.ToString(TimeSpan.FromMinutes(90)).ShouldBe("1h30m0s");
        S.ToString(new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.Zero)).ShouldBe("2024-01-02T03:04:05Z");
        S.ToString(new ResourceQuantity("1.5Gi")).ShouldBe("1536Mi");
        S.ToString((long?)null).ShouldBeNull();
        S.ToString((double?)null).ShouldBeNull();
        S.ToString((bool?)null).ShouldBeNull();
        S.ToString((TimeSpan?)null).ShouldBeNull();
        S.ToString((DateTimeOffset?)null).ShouldBeNull();
        S.ToString((ResourceQuantity?)null).ShouldBeNull();
    }

    [Fact]
    public void Int_parses_decimal_integers_and_truncates_floats()
    {
        S.ToInt("8080").ShouldBe(8080);
        S.ToInt("-42").ShouldBe(-42);
        S.ToInt("+7").ShouldBe(7);
        S.ToInt("9223372036854775807").ShouldBe(long.MaxValue);
        S.ToInt("9223372036854775808").ShouldBeNull();
        S.ToInt(" 1").ShouldBeNull();
        S.ToInt("1.0").ShouldBeNull();
        S.ToInt("0x10").ShouldBeNull();
        S.ToInt("").ShouldBeNull();
        S.ToInt((string?)null).ShouldBeNull();
        S.ToInt(2.9).ShouldBe(2);
        S.ToInt(-2.9).ShouldBe(-2);
        S.ToInt(double.NaN).ShouldBeNull();
        S.ToInt(double.PositiveInfinity).ShouldBeNull();
        S.ToInt(1e19).ShouldBeNull();
        S.ToInt((double?)null).ShouldBeNull();
    }

    [Fact]
    public void Float_parses_finite_numbers_only()
    {
        S.ToFloat("0.25").ShouldBe(0.25);
        S.ToFloat("-1e3").ShouldBe(-1000.0);
        S.ToFloat("3").ShouldBe(3.0);
        S.ToFloat("NaN").ShouldBeNull();
        S.ToFloat("Infinity").ShouldBeNull();
        S.ToFloat("1e999").ShouldBeNull();
        S.ToFloat("1,5").ShouldBeNull();
        S.ToFloat(" 1").ShouldBeNull();
        S.ToFloat((string?)null).ShouldBeNull();
        S.ToFloat(3L).ShouldBe(3.0);
        S.ToFloat((long?)null).ShouldBeNull();
    }

    [Fact]
    public void Base64_round_trips_utf8_and_rejects_bad_input()
    {
        S.Base64Encode("admin").ShouldBe("YWRtaW4=");
        S.Base64Encode("héllo").ShouldBe("aMOpbGxv");
        S.Base64Decode("YWRtaW4=").ShouldBe("admin");
        S.Base64Decode("aMOpbGxv").ShouldBe("héllo");
        S.Base64Decode("").ShouldBe("");
        S.Base64Decode("not base64!").ShouldBeNull();
        S.Base64Decode("/w==").ShouldBeNull(); // 0xFF is not UTF-8
        S.Base64Encode(null).ShouldBeNull();
        S.Base64Decode(null).ShouldBeNull();
    }

    [Fact]
    public void Len_counts_code_points_and_elements()
    {
        CollectionBuiltins.Len("héllo").ShouldBe(5);
        CollectionBuiltins.Len("👍👍").ShouldBe(2);
        CollectionBuiltins.Len("").ShouldBe(0);
        CollectionBuiltins.Len((string?)null).ShouldBe(0);
    }
}
