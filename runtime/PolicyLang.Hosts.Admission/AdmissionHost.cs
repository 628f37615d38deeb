// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Http;
using PolicyLang.Hosts.Admission.Logging;
using PolicyLang.Hosts.Admission.Metrics;
using PolicyLang.Hosts.Admission.Policies;
using PolicyLang.Hosts.Admission.Tls;

namespace PolicyLang.Hosts.Admission;

/// <summary>Builds and runs the admission webhook (Kestrel): <c>/validate</c>, <c>/mutate</c>, <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>.</summary>
public static class AdmissionHost
{
    /// <summary>Builds the web application (not started). The policies load in the background once it starts.</summary>
    /// <param name="options">The resolved settings.</param>
    /// <param name="source">Where the policies come from.</param>
    /// <param name="configureLogging">Replaces the default logging (JSON lines on the console), e.g. for tests.</param>
    /// <exception cref="System.Security.Cryptography.CryptographicException">The TLS certificate cannot be used.</exception>
    public static WebApplication Build(AdmissionHostOptions options, IPolicySource source, Action<ILoggingBuilder>? configureLogging = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });

        // Settings come only from AdmissionHostOptions: no appsettings.json or ASPNETCORE_ variables change the host.
        builder.Configuration.Sources.Clear();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(Min(options.LogLevel, options.DecisionLogLevel));
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        builder.Logging.AddFilter((category, level) => category == DecisionLogger.Category ? level >= options.DecisionLogLevel : level >= options.LogLevel);
        if (configureLogging is null)
        {
            builder.Logging.AddJsonConsole(json =>
            {
                json.IncludeScopes = false;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fffZ";
                json.UseUtcTimestamp = true;
            });
        }
        else
        {
            configureLogging(builder.Logging);
        }

        var metrics = new AdmissionMetrics();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(source);
        builder.Services.AddSingleton<PolicyStore>();
        builder.Services.AddSingleton<AdmissionEvaluator>();
        builder.Services.AddSingleton(sp => new DecisionLogger(sp.GetRequiredService<ILoggerFactory>(), options.DecisionLogLevel));
        builder.Services.AddSingleton<ConcurrencyLimiter>();
        builder.Services.AddSingleton<AdmissionRequestHandler>();
        CertificateStore? certificates = null;
        if (!options.Insecure)
        {
            if (options.TlsCert is null || options.TlsKey is null)
            {
                throw new ArgumentException("HTTPS needs a certificate and a key", nameof(options));
            }

            // The certificate must be usable before the host is built; its logger is attached once the host exists.
            certificates = new CertificateStore(options.TlsCert, options.TlsKey);
            certificates.LoadInitial();
        }

        builder.Services.AddSingleton(sp => new ChangeWatcher(sp.GetRequiredService<PolicyStore>(), certificates, options, sp.GetRequiredService<ILogger<ChangeWatcher>>()));
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ChangeWatcher>());
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = options.MaxBodyBytes;
            kestrel.Listen(IPAddress.Parse(options.Address), options.Port, listen =>
            {
                if (certificates is not null)
                {
                    listen.UseHttps(https => https.ServerCertificateSelector = (_, _) => certificates.Current);
                }
            });
        });

        var app = builder.Build();
        certificates?.AttachLogger(app.Services.GetRequiredService<ILogger<CertificateStore>>());
        var handler = app.Services.GetRequiredService<AdmissionRequestHandler>();
        var store = app.Services.GetRequiredService<PolicyStore>();
        app.MapPost("/validate", context => handler.HandleAsync(context, mutate: false));
        app.MapPost("/mutate", context => handler.HandleAsync(context, mutate: true));
        app.MapGet("/healthz", () => Results.Text("ok\n"));
        app.MapGet("/readyz", () => store.Current is { } current
            ? Results.Text($"ready: generation {current.Generation}, {current.Policies.PolicyCount} policies, {current.Policies.RuleCount} rules\n")
            : Results.Text($"not ready: {store.LastError ?? "the policies are loading"}\n", statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGet("/metrics", () => Results.Text(metrics.Write(), "text/plain; version=0.0.4; charset=utf-8"));
        return app;
    }

    /// <summary>The addresses the started application listens on (with the real port when port 0 was asked).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToArray() ?? [];

    private static LogLevel Min(LogLevel a, LogLevel b) => a < b ? a : b;
}
