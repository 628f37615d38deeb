// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Security.Cryptography;
using System.Text;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Loading;
using PolicyLang.Cli.Loading;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Cli.Commands;

/// <summary>Policies compiled from source files and directories when the host starts and whenever they change.</summary>
internal sealed class SourcePolicySource : IPolicySource
{
    private readonly IReadOnlyList<string> _paths;
    private readonly string? _bindings;

    public SourcePolicySource(IReadOnlyList<string> paths, string? bindings)
    {
        _paths = paths;
        _bindings = bindings;
    }

    public string Description => "sources " + string.Join(", ", _paths);

    public IReadOnlyList<string> WatchedPaths => _bindings is null ? _paths : [.. _paths, _bindings];

    public string Fingerprint()
    {
        var (sources, errors) = PolicySources.Read(_paths, PhysicalFileSystem.Instance);
        var text = new StringBuilder();
        foreach (var source in sources)
        {
            text.Append(source.Path).Append('\n').Append(source.Sha256).Append('\n');
        }

        text.AppendJoin('\n', errors);
        if (_bindings is not null)
        {
            text.Append('\n').Append(File.ReadAllText(_bindings));
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
    }

    public LoadedPolicies Load()
    {
        var messages = new StringWriter();
        var compiled = PolicyCompiler.Compile(_paths, DiskCompileCache.Default(), messages)
            ?? throw new BundleException($"{Description}: the policies do not compile:{Environment.NewLine}{messages.ToString().TrimEnd()}");
        var bindings = _bindings is null ? PolicyBindings.None : BindingsReader.ReadFile(_bindings);
        return BundleLoader.Load(compiled.Image, compiled.Manifest, bindings, Description, compiled.ContentHash);
    }
}
