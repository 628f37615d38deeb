// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Cli.Output;

/// <summary>
/// A scratch stream for formats whose totals come before their items (JSON's summary, JUnit's counts): items are
/// spooled to a temporary file as they come, so memory stays bounded however many subjects a run has. When no
/// temporary file can be made, memory is used instead.
/// </summary>
internal static class Spool
{
    public static Stream Create()
    {
        try
        {
            var path = Path.Combine(Path.GetTempPath(), $"policylang-{Environment.ProcessId}-{Interlocked.Increment(ref _counter)}-{Path.GetRandomFileName()}");
            return new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 65536, FileOptions.DeleteOnClose);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new MemoryStream();
        }
    }

    private static int _counter;
}
