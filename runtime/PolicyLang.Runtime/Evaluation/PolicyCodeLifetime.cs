// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// How long the code of a loaded policy assembly lives, which decides how fast it runs. The runtime does not tier
/// code in a collectible load context: an unloadable assembly's methods are compiled once, optimized but without
/// tiered compilation's profile-guided optimization (no guarded devirtualization of the <c>IList&lt;T&gt;</c> calls
/// over a pod's containers, no hot/cold layout), and the Pod Security set ran about 15 % slower so. A resident
/// assembly gets that, and stays in memory until the process ends.
/// </summary>
public enum PolicyCodeLifetime
{
    /// <summary>
    /// Resident for the first <see cref="CompiledPolicySet.ResidentBudget"/> loads of the process (the CLI's one
    /// load, a host's start-up and its first reloads), unloadable afterwards, so that a host reloading its policies
    /// for months does not grow without bound.
    /// </summary>
    Budgeted,

    /// <summary>In a non-collectible load context: tiered and profile-guided, never unloaded.</summary>
    Resident,

    /// <summary>In a collectible load context, unloaded once nothing refers to it (editors and test runs, which reload on every change).</summary>
    Unloadable,
}
