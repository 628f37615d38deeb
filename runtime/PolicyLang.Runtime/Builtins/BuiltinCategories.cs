// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Builtins;

/// <summary>The categories of built-ins, as <see cref="BuiltinAttribute.Category"/> spells them.</summary>
public static class BuiltinCategories
{
    public const string Strings = "strings";
    public const string Regex = "regex";
    public const string Glob = "glob";
    public const string Semver = "semver";
    public const string Network = "network";
    public const string Quantities = "quantities";
    public const string Time = "time";
    public const string Images = "images";
    public const string Sets = "sets";
    public const string Collections = "collections";
    public const string Math = "math";
    public const string Kubernetes = "kubernetes";
    public const string Host = "host";

    /// <summary>Every category, in the order the docs list them.</summary>
    public static IReadOnlyList<string> All { get; } =
        [Strings, Regex, Glob, Semver, Network, Quantities, Time, Images, Sets, Collections, Math, Kubernetes, Host];
}
