// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;

namespace PolicyLang.Cli.Commands;

/// <summary>A logger writing one plain line per message (information and above) to a writer: the CLI's own voice.</summary>
internal sealed class TextWriterLogger(TextWriter writer, string prefix) : ILogger
{
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information && logLevel != LogLevel.None;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (IsEnabled(logLevel))
        {
            writer.WriteLine(prefix + (logLevel >= LogLevel.Warning ? logLevel.ToString().ToLowerInvariant() + ": " : string.Empty) + formatter(state, exception));
        }
    }
}
