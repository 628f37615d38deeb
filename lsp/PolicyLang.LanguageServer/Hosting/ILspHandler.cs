// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Hosting;

/// <summary>A feature's handler: a JSON-RPC target whose methods carry the LSP method names, and the capability it adds.</summary>
public interface ILspHandler
{
    ServerCapabilities Advertise(ServerCapabilities capabilities);
}
