// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>An admission host running in this process on a loopback port, with an HTTPS client that trusts only its certificate.</summary>
internal sealed class HostHarness : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HostHarness(WebApplication app, string directory, HttpClient client, string baseAddress, RecordingLogger logs)
    {
        _app = app;
        Logs = logs;
        Directory = directory;
        Client = client;
        BaseAddress = baseAddress;
    }

    /// <summary>The host's files (bundle, certificate, key).</summary>
    public string Directory { get; }

    public HttpClient Client { get; }

    public string BaseAddress { get; }

    /// <summary>The live log of the host.</summary>
    public RecordingLogger Logs { get; }

    public IServiceProvider Services => _app.Services;

    public string CertPath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>The SHA-256 thumbprint of the certificate presented by the last TLS handshake.</summary>
    public string? PresentedThumbprint { get; private set; }

    /// <summary>Thumbprints the client accepts (the test's certificates).</summary>
    public HashSet<string> Trusted { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Starts a host serving a bundle file (written by the caller into <paramref name="directory"/>).</summary>
    public static async Task<HostHarness> StartAsync(string directory, Func<AdmissionHostOptions, AdmissionHostOptions>? configure = null, IPolicySource? source = null, bool tls = true)
    {
        var logs = new RecordingLogger();
        var options = new AdmissionHostOptions
        {
            Bundle = Path.Combine(directory, "policies.bundle"),
            Address = "127.0.0.1",
            Port = 0,
            Insecure = !tls,
            TlsCert = tls ? Path.Combine(directory, "tls.crt") : null,
            TlsKey = tls ? Path.Combine(directory, "tls.key") : null,
            ReloadInterval = TimeSpan.FromMilliseconds(200),

            // Ordinary reviews never reach a deadline on a loaded test machine; the deadline tests set their own.
            Deadline = TimeSpan.FromSeconds(20),
            ExcludeNamespaces = ["kube-system"],
            OwnNamespace = "policylang-system",
        };
        options = configure?.Invoke(options) ?? options;
        string? thumbprint = null;
        if (tls)
        {
            // A certificate left by an earlier host in the same directory is trusted again.
            thumbprint = File.Exists(options.TlsCert)
                ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(options.TlsCert).GetCertHashString(HashAlgorithmName.SHA256)
                : TestCertificates.Write(options.TlsCert ?? string.Empty, options.TlsKey ?? string.Empty);
        }

        source ??= new BundleFileSource(options.Bundle ?? string.Empty, options.Bindings, options.VerifyKey);
        var app = AdmissionHost.Build(options, source, logging => logging.AddProvider(logs));
        await app.StartAsync().ConfigureAwait(false);
        var address = AdmissionHost.Addresses(app).Single();
        HostHarness? harness = null;
        var handler = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMilliseconds(100),
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    var presented = certificate?.GetCertHashString(HashAlgorithmName.SHA256);
                    if (harness is not null)
                    {
                        harness.PresentedThumbprint = presented;
                    }

                    return presented is not null && harness is not null && harness.Trusted.Contains(presented);
                },
            },
        };
        var client = new HttpClient(handler) { BaseAddress = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal)), Timeout = TimeSpan.FromSeconds(100) };
        harness = new HostHarness(app, directory, client, address, logs);
        if (thumbprint is not null)
        {
            harness.Trusted.Add(thumbprint);
        }

        return harness;
    }

    /// <summary>Waits until /readyz answers 200 (the policies are loaded).</summary>
    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? Eventually.Bound);
        while (DateTime.UtcNow < until)
        {
            var response = await Client.GetAsync(new Uri("/readyz", UriKind.Relative)).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.OK)
            {
                return;
            }

            await Task.Delay(50).ConfigureAwait(false);
        }

        throw new TimeoutException("the host did not become ready");
    }

    /// <summary>Posts a review; returns the status and the parsed body (null when it is not JSON).</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body, string Text)> PostAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Client.PostAsync(new Uri(path, UriKind.Relative), content).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        JsonNode? json = null;
        if (response.Content.Headers.ContentType?.MediaType == "application/json")
        {
            json = JsonNode.Parse(text);
        }

        return (response.StatusCode, json, text);
    }

    /// <summary>Posts a review and returns its <c>response</c>, checking the envelope.</summary>
    public async Task<JsonObject> ReviewAsync(string path, string review)
    {
        var (status, body, text) = await PostAsync(path, review).ConfigureAwait(false);
        status.ShouldBe(HttpStatusCode.OK, text);
        body.ShouldNotBeNull();
        body["apiVersion"]?.GetValue<string>().ShouldBe("admission.k8s.io/v1");
        body["kind"]?.GetValue<string>().ShouldBe("AdmissionReview");
        var response = body["response"]?.AsObject();
        response.ShouldNotBeNull();
        response["uid"]?.GetValue<string>().ShouldBe(JsonNode.Parse(review)?["request"]?["uid"]?.GetValue<string>());
        return response;
    }

    public async Task<string> MetricsAsync() => await Client.GetStringAsync(new Uri("/metrics", UriKind.Relative)).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
