// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Hosting;

/// <summary>The notifications the server sends to the client.</summary>
public interface ILanguageClient
{
    Task PublishDiagnosticsAsync(PublishDiagnosticsParams diagnostics);

    Task LogMessageAsync(LogMessageParams message);
}
