// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// The watching audit as a service: the audit runs in the background and plain HTTP serves <c>/healthz</c>,
/// <c>/readyz</c> (ready once a first audit completed) and <c>/metrics</c> for the kubelet and Prometheus.
/// </summary>
public static class AuditHost
{
    /// <summary>Builds the application (not started); <paramref name="createRunner"/> makes the runner with the host's logger.</summary>
    public static WebApplication Build(Func<ILogger, AuditRunner> createRunner, string address, int port, Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        if (configureLogging is null)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
            });
        }
        else
        {
            configureLogging(builder.Logging);
        }

        builder.Services.AddSingleton(sp => createRunner(sp.GetRequiredService<ILoggerFactory>().CreateLogger("PolicyLang.Audit")));
        builder.Services.AddHostedService<AuditService>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(IPAddress.Parse(address), port);
        });
        var app = builder.Build();
        var runner = app.Services.GetRequiredService<AuditRunner>();
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => runner.Metrics.HasRun
            ? Results.Text("ready: the first audit completed\n")
            : Results.Text("not ready: the first audit has not completed\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", () => Results.Text(runner.Metrics.Write(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    private sealed class AuditService(AuditRunner runner) : BackgroundService
    {
        protected override Task ExecuteAsync(CancellationToken stoppingToken) => runner.WatchAsync(stoppingToken);
    }
}
