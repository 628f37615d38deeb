// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace PolicyLang.Hosts.Load;

/// <summary>
/// An open-loop load generator for the admission webhook: sends <see cref="LoadReviews"/> at a fixed rate for a fixed
/// time, whatever the answers' pace, and checks every answer (status, uid echo, decision). Loopback targets only.
/// </summary>
public static class LoadGenerator
{
    private const int DistinctBodies = 1000;

    /// <exception cref="ArgumentException">The target is not a loopback address.</exception>
    public static async Task<LoadReport> RunAsync(LoadOptions options)
    {
        if (!IPAddress.TryParse(options.Target.Host, out var address) || !IPAddress.IsLoopback(address))
        {
            throw new ArgumentException($"the load generator only targets loopback addresses, not {options.Target.Host}", nameof(options));
        }

        var bodies = Enumerable.Range(0, DistinctBodies).Select(LoadReviews.Body).ToArray();
        using var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 128,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
        };
        if (options.TrustAnyCertificate)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
        }

        using var client = new HttpClient(handler) { Timeout = options.RequestTimeout };

        async Task<Outcome> Send(int index, long scheduled)
        {
            var sent = Stopwatch.GetTimestamp();
            try
            {
                using var content = new ByteArrayContent(bodies[index % DistinctBodies]);
                content.Headers.ContentType = new("application/json");
                using var response = await client.PostAsync(options.Target, content).ConfigureAwait(false);
                var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                var ms = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
                var serviceMs = Stopwatch.GetElapsedTime(sent).TotalMilliseconds;
                var ok = response.StatusCode == HttpStatusCode.OK && text.Contains("\"uid\":\"" + LoadReviews.Uid(index % DistinctBodies) + "\"", StringComparison.Ordinal);
                var denied = text.Contains("\"allowed\":false", StringComparison.Ordinal);
                return new Outcome(ms, serviceMs, ok, denied, ok && denied == LoadReviews.IsDenied(index % DistinctBodies));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return new Outcome(Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, Stopwatch.GetElapsedTime(sent).TotalMilliseconds, false, false, false);
            }
        }

        // Connections and the server's JIT warm up outside the measurement.
        await Task.WhenAll(Enumerable.Range(0, options.WarmUp).Select(i => Send(i, Stopwatch.GetTimestamp()))).ConfigureAwait(false);

        var serverCpuBefore = CpuSeconds(options.ServerPid);
        var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
        var total = (int)(options.Rate * options.Duration.TotalSeconds);
        var tasks = new Task<Outcome>[total];
        var start = Stopwatch.GetTimestamp();
        var frequency = (double)Stopwatch.Frequency;

        // The schedule runs on its own thread, so the thread pool is free for the requests' continuations. It wakes
        // every millisecond and sends what is due: no spinning, which would take a core from the server.
        var scheduler = new Thread(() =>
        {
            var next = 0;
            while (next < total)
            {
                var now = Stopwatch.GetTimestamp();
                while (next < total && start + (long)(next * frequency / options.Rate) <= now)
                {
                    tasks[next] = Send(next, start + (long)(next * frequency / options.Rate));
                    next++;
                }

                Thread.Sleep(1);
            }
        })
        { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "load schedule" };
        scheduler.Start();
        scheduler.Join();
        var results = await Task.WhenAll(tasks).ConfigureAwait(false);
        var elapsed = Stopwatch.GetElapsedTime(start);
        return new LoadReport
        {
            Requests = results.Length,
            Errors = results.Count(r => !r.Ok),
            Denied = results.Count(r => r.Denied),
            ExpectedDenied = Enumerable.Range(0, total).Count(i => LoadReviews.IsDenied(i % DistinctBodies)),
            WrongDecisions = results.Count(r => r.Ok && !r.Expected),
            Elapsed = elapsed,
            LatenciesMs = results.Select(r => r.Ms).Order().ToArray(),
            ServiceLatenciesMs = results.Select(r => r.ServiceMs).Order().ToArray(),
            ServerCpuSeconds = options.ServerPid == 0 ? null : CpuSeconds(options.ServerPid) - serverCpuBefore,
            GeneratorCpuSeconds = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpuBefore,
        };
    }

    /// <summary>User plus system CPU seconds of a process, from /proc/PID/stat.</summary>
    private static double CpuSeconds(int pid)
    {
        if (pid == 0 || !File.Exists($"/proc/{pid}/stat"))
        {
            return 0;
        }

        var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <param name="Ms">From the planned send time to the answer.</param>
    /// <param name="ServiceMs">From the actual send to the answer (without the schedule's own lateness).</param>
    /// <param name="Ok">A 200 AdmissionReview echoing the uid.</param>
    /// <param name="Denied">The answer said allowed: false.</param>
    /// <param name="Expected">The decision was the one expected for the review.</param>
    private readonly record struct Outcome(double Ms, double ServiceMs, bool Ok, bool Denied, bool Expected);
}
