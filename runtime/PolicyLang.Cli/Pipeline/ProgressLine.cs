// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Globalization;

namespace PolicyLang.Cli.Pipeline;

/// <summary>
/// A progress line on stderr for long runs on a terminal (<c>\r</c>-rewritten, a few times a second, cleared at the
/// end). Shown only past <see cref="Threshold"/> documents, and never when stderr is redirected or in CI (the
/// <c>CI</c> variable), so logs and pipes get no control characters.
/// </summary>
internal sealed class ProgressLine : IDisposable
{
    public const int Threshold = 300;

    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    private readonly TextWriter _writer;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan? _last;
    private int _width;

    public ProgressLine(TextWriter writer)
    {
        _writer = writer;
    }

    /// <summary>True when the process's stderr is a terminal and the run is not in CI.</summary>
    public static bool IsWanted() =>
        !Console.IsErrorRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI"))
        && Environment.GetEnvironmentVariable("TERM") != "dumb";

    public void Report(int documents)
    {
        var now = _clock.Elapsed;
        if (documents < Threshold || (_last is { } last && now - last < Interval))
        {
            return;
        }

        _last = now;
        var rate = documents / Math.Max(now.TotalSeconds, 0.001);
        var text = string.Create(CultureInfo.InvariantCulture, $"policylang: {documents} documents evaluated ({rate:F0}/s)");
        _writer.Write("\r" + text.PadRight(_width));
        _width = text.Length;
        _writer.Flush();
    }

    public void Dispose()
    {
        if (_width > 0)
        {
            _writer.Write("\r" + new string(' ', _width) + "\r");
            _writer.Flush();
        }
    }
}
