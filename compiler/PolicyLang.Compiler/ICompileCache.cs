// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Compiler;

/// <summary>Stores emitted policy assemblies by the hash of their sources and the compiler build.</summary>
public interface ICompileCache
{
    byte[]? TryLoad(string key);

    void Store(string key, byte[] image);
}
