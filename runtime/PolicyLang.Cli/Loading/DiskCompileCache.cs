// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;

namespace PolicyLang.Cli.Loading;

/// <summary>
/// Emitted policy assemblies on disk, one file per content hash, so a second run over the same sources skips
/// Roslyn. Lives in <c>$POLICYLANG_CACHE_DIR</c>, else <c>$XDG_CACHE_HOME/policylang</c>, else <c>~/.cache/policylang</c>.
/// A cache that cannot be read or written is simply not used.
/// </summary>
internal sealed class DiskCompileCache : ICompileCache
{
    private const int MaxEntries = 64;

    public DiskCompileCache(string directory)
    {
        Directory = directory;
    }

    public string Directory { get; }

    public static DiskCompileCache Default()
    {
        var configured = Environment.GetEnvironmentVariable("POLICYLANG_CACHE_DIR");
        if (!string.IsNullOrEmpty(configured))
        {
            return new DiskCompileCache(configured);
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var root = !string.IsNullOrEmpty(xdg) ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        return new DiskCompileCache(Path.Combine(root, "policylang", "assemblies"));
    }

    public byte[]? TryLoad(string key)
    {
        try
        {
            var path = PathOf(key);
            if (!File.Exists(path))
            {
                return null;
            }

            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Store(string key, byte[] image)
    {
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = PathOf(key);
            var temporary = path + "." + Environment.ProcessId + ".tmp";
            File.WriteAllBytes(temporary, image);
            File.Move(temporary, path, overwrite: true);
            Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A read-only or full disk only costs the next run a compile.
        }
    }

    private string PathOf(string key) => Path.Combine(Directory, key + ".dll");

    private void Trim()
    {
        var files = new DirectoryInfo(Directory).GetFiles("*.dll").OrderByDescending(f => f.LastWriteTimeUtc).Skip(MaxEntries);
        foreach (var file in files)
        {
            file.Delete();
        }
    }
}
