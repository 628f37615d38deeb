// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

// An open-loop load generator for the admission host: sends AdmissionReviews at a fixed rate to a loopback
// address for a fixed time, a mix of allowed and denied pods, and prints latency percentiles (measured from each
// request's scheduled send time, so a stalled server is not hidden), errors, and the server's CPU use.
// Usage: dotnet run Load/loadgen.cs -- URL RATE SECONDS SERVER_PID
// Only loopback targets are accepted; the run stops by itself after SECONDS.
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;

var url = new Uri(args.Length > 0 ? args[0] : "https://127.0.0.1:8443/validate");
var rate = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000;
var seconds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 30;
var serverPid = args.Length > 3 ? int.Parse(args[3], CultureInfo.InvariantCulture) : 0;
if (!IPAddress.TryParse(url.Host, out var address) || !IPAddress.IsLoopback(address))
{
    throw new ArgumentException("the load generator only targets loopback addresses");
}

string Pod(int i, bool deny) =>
    "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"load-" + i.ToString(CultureInfo.InvariantCulture)
    + "\",\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},"
    + "\"name\":\"web-" + i.ToString(CultureInfo.InvariantCulture) + "\",\"namespace\":\"shop\",\"operation\":\"CREATE\","
    + "\"userInfo\":{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\",\"groups\":[\"system:serviceaccounts\",\"system:authenticated\"]},"
    + "\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-" + i.ToString(CultureInfo.InvariantCulture) + "\",\"namespace\":\"shop\","
    + "\"labels\":{\"app.kubernetes.io/name\":\"web\",\"pod-template-hash\":\"5d8f7c9b4\"},\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-5d8f7c9b4\",\"uid\":\"6f1c\",\"controller\":true}]},"
    + "\"spec\":{\"automountServiceAccountToken\":false,\"securityContext\":{\"runAsNonRoot\":true,\"runAsUser\":1000,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
    + "\"containers\":[{\"name\":\"app\",\"image\":\"ghcr.io/shop/web:1.4.2\",\"imagePullPolicy\":\"Always\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}],"
    + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
    + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080}},\"livenessProbe\":{\"httpGet\":{\"path\":\"/live\",\"port\":8080}},"
    + "\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}],"
    + "\"securityContext\":{\"allowPrivilegeEscalation\":" + (deny ? "true" : "false") + ",\"readOnlyRootFilesystem\":true,\"privileged\":" + (deny ? "true" : "false") + ",\"capabilities\":{\"drop\":[\"ALL\"]}}}]}},"
    + "\"dryRun\":false,\"options\":{\"apiVersion\":\"meta.k8s.io/v1\",\"kind\":\"CreateOptions\"}}}";

var bodies = Enumerable.Range(0, 1000).Select(i => Encoding.UTF8.GetBytes(Pod(i, deny: i % 4 == 0))).ToArray();
using var handler = new SocketsHttpHandler
{
    MaxConnectionsPerServer = 128,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
};
using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };

async Task<(double Ms, bool Ok, bool Denied)> Send(int i, long scheduled)
{
    try
    {
        using var content = new ByteArrayContent(bodies[i % bodies.Length]);
        content.Headers.ContentType = new("application/json");
        using var response = await client.PostAsync(url, content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        var ms = Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds;
        var ok = response.StatusCode == HttpStatusCode.OK && text.Contains("\"uid\":\"load-", StringComparison.Ordinal);
        return (ms, ok, text.Contains("\"allowed\":false", StringComparison.Ordinal));
    }
    catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
    {
        return (Stopwatch.GetElapsedTime(scheduled).TotalMilliseconds, false, false);
    }
}

// Warm up connections and the server's JIT, outside the measurement.
await Task.WhenAll(Enumerable.Range(0, 2000).Select(i => Send(i, Stopwatch.GetTimestamp())));

static double CpuSeconds(int pid)
{
    if (pid == 0 || !File.Exists($"/proc/{pid}/stat"))
    {
        return 0;
    }

    var fields = File.ReadAllText($"/proc/{pid}/stat").Split(')')[1].Split(' ', StringSplitOptions.RemoveEmptyEntries);
    return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
}

// The schedule runs on its own thread, so the thread pool (2 cores here) is free for the requests' continuations.
ThreadPool.SetMinThreads(32, 32);
var serverCpuBefore = CpuSeconds(serverPid);
var selfCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds;
var total = rate * seconds;
var tasks = new Task<(double Ms, bool Ok, bool Denied)>[total];
var start = Stopwatch.GetTimestamp();
var frequency = (double)Stopwatch.Frequency;
var scheduler = new Thread(() =>
{
    // Wakes every millisecond and sends what is due: no spinning, which would take a core from the server.
    var next = 0;
    while (next < total)
    {
        var now = Stopwatch.GetTimestamp();
        while (next < total && start + (long)(next * frequency / rate) <= now)
        {
            tasks[next] = Send(next, start + (long)(next * frequency / rate));
            next++;
        }

        Thread.Sleep(1);
    }
})
{ IsBackground = true, Priority = ThreadPriority.AboveNormal };
scheduler.Start();
scheduler.Join();
var results = await Task.WhenAll(tasks).ConfigureAwait(false);
var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
var serverCpu = CpuSeconds(serverPid) - serverCpuBefore;
var selfCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds - selfCpuBefore;
var latencies = results.Select(r => r.Ms).Order().ToArray();
double Percentile(double p) => latencies[Math.Min(latencies.Length - 1, (int)Math.Ceiling(p * latencies.Length) - 1)];
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"requests {results.Length} in {elapsed:F1} s ({results.Length / elapsed:F0}/s), denied {results.Count(r => r.Denied)}, errors {results.Count(r => !r.Ok)}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"latency ms: p50 {Percentile(0.50):F3}  p90 {Percentile(0.90):F3}  p99 {Percentile(0.99):F3}  p99.9 {Percentile(0.999):F3}  max {latencies[^1]:F3}"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server CPU {serverCpu:F1} s = {100 * serverCpu / elapsed:F0}% of one core; load generator CPU {selfCpu:F1} s = {100 * selfCpu / elapsed:F0}% of one core ({Environment.ProcessorCount} cores)"));
return results.Any(r => !r.Ok) ? 1 : 0;
