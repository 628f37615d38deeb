// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Exceptions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using PolicyLang.Bundles;
using PolicyLang.Hosts.Admission.Audit;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang audit</c>: judges the objects already in a cluster (listed through the Kubernetes API) and writes
/// wgpolicyk8s.io PolicyReports; with <c>--watch</c> it keeps them current.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var bundle = new Option<string?>("--bundle") { Description = "The compiled bundle to audit with." };
        var policies = new Option<string[]>("--policy", "-p") { Description = "Policy files or directories to compile instead of a bundle (repeatable)." };
        var bindings = new Option<string?>("--bindings") { Description = "A bindings file laid over the bundle's own." };
        var verifyKey = new Option<string?>("--verify-key") { Description = "Only use a bundle signed with this public key." };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "The kubeconfig file (default: $KUBECONFIG, ~/.kube/config, or the pod's service account in a cluster)." };
        var context = new Option<string?>("--context") { Description = "The kubeconfig context to use." };
        var exclude = new Option<string[]>("--exclude-namespace") { Description = "Namespaces (globs) not audited (repeatable or comma-separated)." };
        var watch = new Option<bool>("--watch") { Description = "Keep running: watch the cluster and rewrite the reports that change." };
        var interval = new Option<string?>("--interval") { Description = "With --watch: the least time between two audits (default 30s)." };
        var metricsAddress = new Option<string?>("--metrics-address") { Description = "With --watch: the address of /healthz, /readyz and /metrics (default 0.0.0.0)." };
        var metricsPort = new Option<int?>("--metrics-port") { Description = "With --watch: serve /healthz, /readyz and /metrics over plain HTTP on this port." };
        var maxResults = new Option<int?>("--max-results") { Description = "Results kept per report; the summary counts all (default 1000)." };
        var dryRun = new Option<bool>("--dry-run") { Description = "Print the reports (a JSON v1 List) instead of writing them." };
        var command = new Command("audit", "Audit the objects in a cluster and write wgpolicyk8s.io/v1alpha2 PolicyReports (one per namespace, one ClusterPolicyReport). Exit 0 when the audit completed, 2 on errors.");
        foreach (var option in new Option[] { bundle, policies, bindings, verifyKey, kubeconfig, context, exclude, watch, interval, metricsAddress, metricsPort, maxResults, dryRun })
        {
            command.Options.Add(option);
        }

        command.SetAction((parsed, cancellation) => RunAsync(
            new AuditSettings
            {
                Bundle = parsed.GetValue(bundle),
                Policies = parsed.GetValue(policies) ?? [],
                Bindings = parsed.GetValue(bindings),
                VerifyKey = parsed.GetValue(verifyKey),
                Kubeconfig = parsed.GetValue(kubeconfig),
                Context = parsed.GetValue(context),
                ExcludeNamespaces = (parsed.GetValue(exclude) ?? []).SelectMany(e => e.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToArray(),
                Watch = parsed.GetValue(watch),
                Interval = parsed.GetValue(interval),
                MetricsAddress = parsed.GetValue(metricsAddress) ?? "0.0.0.0",
                MetricsPort = parsed.GetValue(metricsPort),
                MaxResults = parsed.GetValue(maxResults),
                DryRun = parsed.GetValue(dryRun),
            },
            Console.Out,
            Console.Error,
            cancellation));
        return command;
    }

    public static async Task<int> RunAsync(AuditSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (Problems(settings) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                stderr.WriteLine("policylang audit: " + problem);
            }

            return ExitCodes.Error;
        }

        var options = new AuditOptions
        {
            ExcludeNamespaces = settings.ExcludeNamespaces,
            Interval = settings.Interval is { } text ? HostSettings.ParseDuration(text) ?? TimeSpan.Zero : new AuditOptions().Interval,
            MaxResultsPerReport = settings.MaxResults ?? new AuditOptions().MaxResultsPerReport,
        };
        IPolicySource source;
        if (settings.Bundle is { } bundlePath)
        {
            var bundleSource = new BundleFileSource(bundlePath, settings.Bindings, settings.VerifyKey);
            try
            {
                bundleSource.CheckKey();
            }
            catch (BundleException e)
            {
                stderr.WriteLine("policylang audit: " + e.Message);
                return ExitCodes.Error;
            }

            source = bundleSource;
        }
        else
        {
            source = new SourcePolicySource(settings.Policies, settings.Bindings);
        }

        Kubernetes client;
        try
        {
            var configuration = settings.Kubeconfig is not null || settings.Context is not null
                ? KubernetesClientConfiguration.BuildConfigFromConfigFile(settings.Kubeconfig, settings.Context)
                : KubernetesClientConfiguration.BuildDefaultConfig();
            client = new Kubernetes(configuration);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine("policylang audit: no usable Kubernetes configuration: " + e.Message);
            return ExitCodes.Error;
        }

        using (client)
        {
            var collected = new CollectingSink();
            IReportSink sink = settings.DryRun ? collected : new ClusterReportWriter(client);
            AuditRunner NewRunner(ILogger logger) => new(new ClusterLister(client), source, sink, options, logger);
            if (settings.Watch)
            {
                return await WatchAsync(settings, NewRunner, stderr, cancellationToken).ConfigureAwait(false);
            }

            var runner = NewRunner(new TextWriterLogger(stderr, "policylang audit: "));
            try
            {
                var run = await runner.RunOnceAsync(cancellationToken).ConfigureAwait(false);
                if (settings.DryRun)
                {
                    var list = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "List", ["items"] = new JsonArray(collected.Reports.Select(r => (JsonNode)r).ToArray()) };
                    stdout.WriteLine(list.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
                }

                return run.WriteFailures.Count == 0 ? ExitCodes.Success : ExitCodes.Error;
            }
            catch (Exception e) when (e is AuditException or BundleException)
            {
                stderr.WriteLine("policylang audit: " + e.Message);
                return ExitCodes.Error;
            }
        }
    }

    private static async Task<int> WatchAsync(AuditSettings settings, Func<ILogger, AuditRunner> newRunner, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (settings.MetricsPort is { } port)
        {
            try
            {
                await using var app = AuditHost.Build(newRunner, settings.MetricsAddress, port);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (IOException e)
            {
                stderr.WriteLine("policylang audit: cannot listen: " + e.Message);
                return ExitCodes.Error;
            }
        }

        using var loggers = LoggerFactory.Create(logging => logging.AddJsonConsole().AddFilter("Microsoft", LogLevel.Warning));
        try
        {
            await newRunner(loggers.CreateLogger("PolicyLang.Audit")).WatchAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped (Ctrl-C, SIGTERM).
        }

        return ExitCodes.Success;
    }

    private static List<string> Problems(AuditSettings settings)
    {
        var problems = new List<string>();
        if ((settings.Bundle is null) == (settings.Policies.Count == 0))
        {
            problems.Add("give either a bundle (--bundle FILE) or policy sources (-p DIR), not both and not neither");
        }

        if (settings.Interval is { } interval && HostSettings.ParseDuration(interval) is null)
        {
            problems.Add($"--interval: '{interval}' is not a duration (500ms, 30s, 5m)");
        }

        if (settings.MaxResults is <= 0)
        {
            problems.Add("--max-results must be positive");
        }

        if (!settings.Watch && (settings.MetricsPort is not null || settings.Interval is not null))
        {
            problems.Add("--interval and --metrics-port apply to --watch only");
        }

        if (settings.Watch && settings.DryRun)
        {
            problems.Add("--dry-run prints one audit: leave out --watch");
        }

        if (settings.MetricsPort is < 1 or > 65535)
        {
            problems.Add($"--metrics-port: {settings.MetricsPort} is not a port number (1-65535)");
        }

        return problems;
    }

    private sealed class CollectingSink : IReportSink
    {
        public List<JsonObject> Reports { get; } = [];

        public Task WriteAsync(JsonObject report, CancellationToken cancellationToken)
        {
            Reports.Add(report);
            return Task.CompletedTask;
        }
    }
}
