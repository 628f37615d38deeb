// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.EndToEnd;

/// <summary>`policylang serve admission` as a process: settings from a file and the environment, HTTPS, JSON log lines.</summary>
public sealed class ServeCommandTests
{
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task Serves_https_from_a_config_file_and_environment_and_logs_each_decision_as_json()
    {
        var directory = TestPaths.NewTemporaryDirectory();
        var thumbprint = TestCertificates.Write(Path.Combine(directory, "tls.crt"), Path.Combine(directory, "tls.key"));
        await File.WriteAllBytesAsync(Path.Combine(directory, "policies.bundle"), TestPolicies.Bundle(TestPolicies.Standard));
        var config = Path.Combine(directory, "config.yaml");
        await File.WriteAllTextAsync(config, $"bundle: {directory}/policies.bundle\ntls-cert: {directory}/tls.crt\ntls-key: {directory}/tls.key\naddress: 127.0.0.1\nport: 1\n");
        var port = FreePort();
        var info = CliProcess.StartInfo(["serve", "admission", "--config", config]);
        info.Environment["POLICYLANG_PORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        info.Environment["POLICYLANG_NAMESPACE"] = "policylang-system";
        using var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var lines = new ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            string.Equals(certificate?.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256), thumbprint, StringComparison.OrdinalIgnoreCase);
        using var client = new HttpClient(handler) { BaseAddress = new Uri($"https://127.0.0.1:{port}") };
        try
        {
            var until = DateTime.UtcNow + Eventually.Bound;
            var ready = false;
            while (!ready && DateTime.UtcNow < until && !process.HasExited)
            {
                try
                {
                    ready = (await client.GetAsync(new Uri("/readyz", UriKind.Relative))).StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    await Task.Delay(100);
                }
            }

            ready.ShouldBeTrue(string.Join('\n', lines));
            using var content = new StringContent(Reviews.Review("CREATE", Reviews.PrivilegedPod(), uid: "e2e-uid"), Encoding.UTF8, "application/json");
            var response = JsonNode.Parse(await (await client.PostAsync(new Uri("/validate", UriKind.Relative), content)).Content.ReadAsStringAsync());
            response?["response"]?["allowed"]?.GetValue<bool>().ShouldBeFalse();
            var excluded = new StringContent(Reviews.Review("CREATE", Reviews.PrivilegedPod(ns: "policylang-system")), Encoding.UTF8, "application/json");
            JsonNode.Parse(await (await client.PostAsync(new Uri("/validate", UriKind.Relative), excluded)).Content.ReadAsStringAsync())?["response"]?["allowed"]?.GetValue<bool>().ShouldBeTrue();

            JsonNode? decision = null;
            until = DateTime.UtcNow + Eventually.Bound;
            while (decision is null && DateTime.UtcNow < until)
            {
                decision = lines.Select(l => JsonNode.Parse(l)).FirstOrDefault(j => j?["State"]?["Uid"]?.GetValue<string>() == "e2e-uid");
                await Task.Delay(50);
            }

            // Every line the host writes is one JSON object.
            lines.ShouldAllBe(l => l.StartsWith('{') && l.EndsWith('}'));
            decision.ShouldNotBeNull(string.Join('\n', lines));
            decision["Category"]?.GetValue<string>().ShouldBe("PolicyLang.Decisions");
            decision["State"]?["Decision"]?.GetValue<string>().ShouldBe("denied");
            decision["State"]?["Rules"]?.GetValue<string>().ShouldBe("HT-001");
            decision["State"]?["User"]?.GetValue<string>().ShouldBe("alice");
            decision["State"]?["ObjectNamespace"]?.GetValue<string>().ShouldBe("shop");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    [Fact]
    public void Bad_settings_stop_the_host_with_a_message()
    {
        var (code, _, error) = CliProcess.Run(["serve", "admission", "--bundle", "x.bundle"]);

        code.ShouldBe(2);
        error.ShouldContain("HTTPS needs --tls-cert FILE and --tls-key FILE");
    }
}
