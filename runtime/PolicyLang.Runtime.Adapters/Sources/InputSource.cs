// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters.Sources;

/// <summary>One input to read: a file (by the path as given or as found under a given directory), stdin, or a problem.</summary>
internal sealed record InputSource(string Path, bool IsStdin = false, string? Problem = null, bool ProblemIsNotice = false);
