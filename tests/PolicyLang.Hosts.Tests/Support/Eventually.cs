// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// Waiting on a condition, not a clock: the tests share two cores with builds and other suites, so the bound is
/// generous; it is still a bound, so a real hang fails the test instead of stalling the run.
/// </summary>
internal static class Eventually
{
    /// <summary>How long a condition may take to become true before the test fails.</summary>
    public static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);

    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(50);

    /// <summary>Polls until the condition holds or the bound passes; true when it held.</summary>
    public static async Task<bool> WaitAsync(Func<Task<bool>> condition, TimeSpan? bound = null)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < (bound ?? Bound))
        {
            if (await condition().ConfigureAwait(false))
            {
                return true;
            }

            await Task.Delay(Poll).ConfigureAwait(false);
        }

        return await condition().ConfigureAwait(false);
    }

    /// <summary>Polls a synchronous condition.</summary>
    public static Task<bool> WaitAsync(Func<bool> condition, TimeSpan? bound = null) => WaitAsync(() => Task.FromResult(condition()), bound);
}
