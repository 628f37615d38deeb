// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>`policylang serve admission` as a separate process on a free loopback port (plain HTTP), killed on dispose.</summary>
internal sealed class ServeProcess : IDisposable
{
    private readonly Process _process;

    private ServeProcess(Process process, int port, ConcurrentQueue<string> lines)
    {
        _process = process;
        Port = port;
        Lines = lines;
        Client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
    }

    public int Port { get; }

    public int Pid => _process.Id;

    public HttpClient Client { get; }

    /// <summary>Everything the host wrote (standard output and error).</summary>
    public ConcurrentQueue<string> Lines { get; }

    /// <summary>Starts the host with <paramref name="arguments"/> after <c>serve admission --insecure --address 127.0.0.1 --port N</c>.</summary>
    public static ServeProcess Start(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var info = CliProcess.StartInfo(["serve", "admission", "--insecure", "--address", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), .. arguments]);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => Enqueue(lines, e.Data);
        process.ErrorDataReceived += (_, e) => Enqueue(lines, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new ServeProcess(process, port, lines);
    }

    /// <summary>Waits until /readyz answers 200.</summary>
    public async Task WaitReadyAsync()
    {
        var until = DateTime.UtcNow.AddSeconds(120);
        while (DateTime.UtcNow < until && !_process.HasExited)
        {
            try
            {
                using var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("the host did not become ready:\n" + string.Join('\n', Lines));
    }

    /// <summary>The file names of the assemblies (and other files) the process has mapped, from /proc/PID/maps.</summary>
    public IReadOnlySet<string> MappedFiles() =>
        File.ReadAllLines($"/proc/{Pid}/maps")
            .Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(f => f.Length >= 6 && f[5].StartsWith('/'))
            .Select(f => Path.GetFileName(f[5]))
            .ToHashSet(StringComparer.Ordinal);

    public void Dispose()
    {
        Client.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(TimeSpan.FromSeconds(30));
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Enqueue(ConcurrentQueue<string> lines, string? line)
    {
        if (line is not null)
        {
            lines.Enqueue(line);
        }
    }
}
