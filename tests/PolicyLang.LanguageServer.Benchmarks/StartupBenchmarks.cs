// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace PolicyLang.LanguageServer.Benchmarks;

/// <summary>
/// From starting the <c>policylang lsp</c> process to the first publishDiagnostics of a 500-line file: process
/// start, initialize, didOpen, the debounce delay, parse, bind, and the notification back over stdout.
/// </summary>
[Config(typeof(ColdStartConfig))]
public class StartupBenchmarks
{
    private string _cli = string.Empty;

    [GlobalSetup]
    public void Setup() => _cli = Path.Combine(AppContext.BaseDirectory, "policylang.dll");

    [Benchmark]
    public async Task<int> Start_to_first_diagnostics()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(_cli);
        start.ArgumentList.Add("lsp");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("policylang did not start");
        _ = process.StandardError.ReadToEndAsync();
        var stdin = process.StandardInput.BaseStream;
        var stdout = process.StandardOutput.BaseStream;
        await SendAsync(stdin, new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = Environment.ProcessId, rootUri = (string?)null, capabilities = new { } } });
        await SendAsync(stdin, new { jsonrpc = "2.0", method = "initialized", @params = new { } });
        await SendAsync(stdin, new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri = "untitled:bench", languageId = "policylang", version = 1, text = LargePolicy.Text } } });
        var messages = 0;
        while (true)
        {
            var message = await ReadAsync(stdout);
            messages++;
            if (message.Contains("textDocument/publishDiagnostics", StringComparison.Ordinal))
            {
                break;
            }
        }

        await SendAsync(stdin, new { jsonrpc = "2.0", id = 2, method = "shutdown" });
        await SendAsync(stdin, new { jsonrpc = "2.0", method = "exit" });
        await process.WaitForExitAsync();
        return messages;
    }

    private static async Task SendAsync(Stream stdin, object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        await stdin.WriteAsync(Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"));
        await stdin.WriteAsync(body);
        await stdin.FlushAsync();
    }

    private static async Task<string> ReadAsync(Stream stdout)
    {
        var header = new StringBuilder();
        var one = new byte[1];
        while (!header.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
        {
            if (await stdout.ReadAsync(one) == 0)
            {
                throw new EndOfStreamException("the server closed stdout");
            }

            header.Append((char)one[0]);
        }

        var length = int.Parse(header.ToString().Split("\r\n")[0]["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
        var body = new byte[length];
        await stdout.ReadExactlyAsync(body);
        return Encoding.UTF8.GetString(body);
    }

    private sealed class ColdStartConfig : ManualConfig
    {
        public ColdStartConfig() => AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.ColdStart).WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(10));
    }
}
