// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;

namespace PolicyLang.LanguageServer.Logging;

/// <summary>
/// The server's log: every line goes to stderr (never stdout, which carries only protocol), and warnings and
/// errors — or everything, with trace "verbose" — also to the client as <c>window/logMessage</c>.
/// </summary>
public sealed class ServerLog
{
    private readonly TextWriter _stderr;
    private Func<LogMessageParams, Task>? _client;

    public ServerLog(TextWriter stderr)
    {
        _stderr = TextWriter.Synchronized(stderr);
    }

    /// <summary>Sends info lines to the client too (the client's trace setting is "verbose").</summary>
    public bool Verbose { get; set; }

    /// <summary>Connects the client side once the connection exists.</summary>
    public void AttachClient(Func<LogMessageParams, Task> client) => _client = client;

    public void Info(string message) => Write(MessageType.Info, message);

    public void Warning(string message) => Write(MessageType.Warning, message);

    public void Error(string message, Exception? exception = null) =>
        Write(MessageType.Error, exception is null ? message : $"{message}: {exception.GetType().Name}: {exception.Message}\n{exception.StackTrace}");

    private void Write(int type, string message)
    {
        var level = type switch
        {
            MessageType.Error => "error",
            MessageType.Warning => "warning",
            _ => "info",
        };
        try
        {
            _stderr.WriteLine($"[policylang-lsp {level}] {message}");
            _stderr.Flush();
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // stderr is gone (the client closed it): the client channel below may still work.
        }

        if (_client is { } client && (type <= MessageType.Warning || Verbose))
        {
            _ = SendAsync(client, new LogMessageParams(type, message));
        }
    }

    private static async Task SendAsync(Func<LogMessageParams, Task> client, LogMessageParams message)
    {
        try
        {
            await client(message).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The connection is closing: the line is on stderr already.
        }
    }
}
