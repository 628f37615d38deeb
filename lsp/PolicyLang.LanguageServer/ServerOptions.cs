// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Features.Commands;

namespace PolicyLang.LanguageServer;

/// <summary>How a server instance runs: where it logs, how long diagnostics wait for typing to pause, what runs policies.</summary>
public sealed record ServerOptions
{
    /// <summary>The log (stderr for <c>policylang lsp</c>); never the protocol stream.</summary>
    public required TextWriter Log { get; init; }

    /// <summary>How long after the last change diagnostics are computed.</summary>
    public TimeSpan DiagnosticsDelay { get; init; } = TimeSpan.FromMilliseconds(150);

    /// <summary>Evaluates and tests policies for <c>workspace/executeCommand</c>; without it those commands fail with a message.</summary>
    public IPolicyTools? Tools { get; init; }
}
