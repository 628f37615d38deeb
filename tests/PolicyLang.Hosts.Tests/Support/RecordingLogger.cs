// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>Keeps every log entry of a host in memory, with its structured fields.</summary>
internal sealed class RecordingLogger : ILoggerProvider
{
    public ConcurrentQueue<LogEntry> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, this);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, RecordingLogger owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal)
                : [];
            owner.Entries.Enqueue(new LogEntry(category, logLevel, formatter(state, exception), fields));
        }
    }
}

internal sealed record LogEntry(string Category, LogLevel Level, string Message, Dictionary<string, object?> Fields);
