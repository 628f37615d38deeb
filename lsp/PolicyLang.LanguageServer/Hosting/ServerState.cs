// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Hosting;

/// <summary>Where the server is in the protocol's lifecycle.</summary>
public enum ServerState
{
    /// <summary>Before <c>initialize</c>: every other request is answered with ServerNotInitialized.</summary>
    Starting,

    Running,

    /// <summary>After <c>shutdown</c>: requests are answered with InvalidRequest; only <c>exit</c> is expected.</summary>
    ShutDown,
}
