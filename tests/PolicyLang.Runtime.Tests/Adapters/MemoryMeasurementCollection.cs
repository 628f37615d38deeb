// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>Tests that measure the process's heap must not share it with tests running in parallel.</summary>
[CollectionDefinition(nameof(StreamingMemoryTests), DisableParallelization = true)]
public sealed class MemoryMeasurementCollection
{
}
