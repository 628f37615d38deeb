// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Globalization;

namespace PolicyLang.Cli.Pipeline;

/// <summary>
/// With <c>POLICYLANG_TRACE_PHASES=1</c>, one stderr line per phase of a run: wall and CPU time since the process
/// started, the managed heap, the resident set and its peak so far. For profiling the CLI (docs/performance.md);
/// silent otherwise.
/// </summary>
internal sealed class PhaseTrace
{
    private static readonly PhaseTrace Disabled = new(null);

    private readonly TextWriter? _output;

    private PhaseTrace(TextWriter? output)
    {
        _output = output;
    }

    public static PhaseTrace FromEnvironment(TextWriter stderr) =>
        Environment.GetEnvironmentVariable("POLICYLANG_TRACE_PHASES") is "1" or "true" ? new PhaseTrace(stderr) : Disabled;

    public void Mark(string phase)
    {
        if (_output is null)
        {
            return;
        }

        using var process = Process.GetCurrentProcess();
        var wall = DateTime.UtcNow - process.StartTime.ToUniversalTime();
        _output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"phase {phase,-16} wall {wall.TotalSeconds,6:0.000} s  cpu {process.TotalProcessorTime.TotalSeconds,6:0.000} s  heap {GC.GetTotalMemory(false) / 1048576.0,6:0.0} MB  rss {process.WorkingSet64 / 1048576.0,6:0.0} MB  peak {process.PeakWorkingSet64 / 1048576.0,6:0.0} MB  committed {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0,6:0.0} MB  gcs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}  roslyn {(AppDomain.CurrentDomain.GetAssemblies().Any(a => a.GetName().Name == "Microsoft.CodeAnalysis") ? "loaded" : "not loaded")}"));
    }
}
