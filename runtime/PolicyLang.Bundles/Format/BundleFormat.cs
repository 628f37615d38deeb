// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Bundles.Format;

/// <summary>
/// A bundle is a ZIP archive with three entries: <c>manifest.json</c> (what the bundle holds, including the SHA-256 of
/// the assembly), <c>policies.dll</c> (the emitted policy assembly) and, when signed, <c>signature.json</c>
/// (an ECDSA P-256 signature over the exact bytes of <c>manifest.json</c>).
/// </summary>
public static class BundleFormat
{
    /// <summary>The format this code writes and reads. A host refuses any other.</summary>
    public const int Version = 1;

    public const string ManifestEntry = "manifest.json";

    public const string AssemblyEntry = "policies.dll";

    public const string SignatureEntry = "signature.json";

    /// <summary>Bundles larger than this are refused before anything is read.</summary>
    public const long MaxBundleBytes = 64L * 1024 * 1024;

    /// <summary>The version of the PolicyLang runtime this process carries (without build metadata), e.g. <c>0.1.0</c>.</summary>
    public static string RuntimeVersion { get; } = ProductVersion(
        typeof(CompiledPolicySet).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0");

    /// <summary>The product part of a version with build metadata: <c>0.1.0+abc</c> is <c>0.1.0</c>.</summary>
    public static string ProductVersion(string version)
    {
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }

    /// <summary>
    /// Whether a policy assembly emitted by compiler <paramref name="compilerVersion"/> runs on runtime
    /// <paramref name="runtimeVersion"/>: the same major version, and while the major version is 0 the same minor
    /// version too; for 1.0 and later a runtime also runs assemblies from older minor versions of its major.
    /// </summary>
    public static bool IsCompatible(string compilerVersion, string runtimeVersion)
    {
        if (Parse(ProductVersion(compilerVersion)) is not { } compiler || Parse(ProductVersion(runtimeVersion)) is not { } runtime)
        {
            return false;
        }

        if (compiler.Major != runtime.Major)
        {
            return false;
        }

        return compiler.Major == 0 ? compiler.Minor == runtime.Minor : compiler.Minor <= runtime.Minor;
    }

    private static Version? Parse(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return System.Version.TryParse(dash < 0 ? text : text[..dash], out var version) ? version : null;
    }
}
