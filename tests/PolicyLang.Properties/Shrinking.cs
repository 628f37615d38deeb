// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.RegularExpressions;
using CsCheck;

namespace PolicyLang.Properties;

/// <summary>
/// Runs a property with a small budget and, only when it fails, resumes from the failing seed with a larger budget so
/// that CsCheck shrinks the case further (its shrinking searches smaller cases among the iterations it has left);
/// then the smallest case is minimized by <see cref="PolicyReducer"/> and reported above CsCheck's own report.
/// </summary>
internal static partial class Shrinking
{
    public const int ShrinkIterations = 300;

    public static void Sample<T1, T2, T3>(Gen<(T1, T2, T3)> gen, Action<T1, T2, T3> assert, int iter, Func<(T1, T2, T3), string> print, FailureLog failures)
    {
        try
        {
            gen.Sample(assert, iter: iter, print: print);
        }
        catch (CsCheckException first)
        {
            var report = first;
            if (SeedOf(first.Message) is { } seed)
            {
                try
                {
                    gen.Sample(assert, seed: seed, iter: ShrinkIterations, print: print);
                }
                catch (CsCheckException smaller)
                {
                    report = smaller;
                }
            }

            throw new ShouldAssertException((failures.Minimized() ?? string.Empty) + "\n\nCsCheck's report:\n" + report.Message, report);
        }
    }

    private static string? SeedOf(string message) => Seed().Match(message) is { Success: true } match ? match.Groups[1].Value : null;

    [GeneratedRegex("Set seed: \"([^\"]+)\"")]
    private static partial Regex Seed();
}
