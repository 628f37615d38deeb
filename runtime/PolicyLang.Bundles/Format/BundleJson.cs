// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Format;

/// <summary>The JSON settings of every bundle file: those of the policy assembly manifest, indented for people.</summary>
public static class BundleJson
{
    public static readonly JsonSerializerOptions Options = new(PolicyAssemblyManifest.JsonOptions);

    public static readonly JsonSerializerOptions Indented = new(PolicyAssemblyManifest.JsonOptions) { WriteIndented = true };
}
