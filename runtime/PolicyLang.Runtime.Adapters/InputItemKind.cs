// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Adapters;

/// <summary>What an <see cref="InputItem"/> holds.</summary>
public enum InputItemKind
{
    Manifest,
    Admission,
    Image,
    Event,
    Host,

    /// <summary>An error, warning or notice (<see cref="InputItem.Message"/>).</summary>
    Message,
}
