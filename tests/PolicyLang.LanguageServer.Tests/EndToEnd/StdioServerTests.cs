// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PolicyLang.LanguageServer.Tests.Support;

namespace PolicyLang.LanguageServer.Tests.EndToEnd;

/// <summary>
/// The real <c>policylang lsp</c> process over stdio, driven byte by byte as an editor would: initialize → didOpen →
/// publishDiagnostics → completion → hover → definition → formatting → shutdown → exit. stdout must hold only
/// Content-Length-framed messages, starting with the header itself (no byte-order mark).
/// </summary>
public sealed class StdioServerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_policylang_lsp_process_serves_a_whole_session_over_stdio()
    {
        using var workspace = new TestWorkspace();
        var libraryUri = workspace.Write("lib/lib.policy", Samples.Library);
        var uri = workspace.UriOf("pods.policy");
        var text = Samples.Policy.Replace("c.securityContext.privileged == true", "c.securityContext.privilegd == true", StringComparison.Ordinal);
        File.WriteAllText(workspace.PathOf("pods.policy"), text);

        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "policylang.dll"));
        start.ArgumentList.Add("lsp");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("policylang did not start");
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            var stdin = process.StandardInput.BaseStream;
            var stdout = process.StandardOutput.BaseStream;
            var reader = new FrameReader(stdout);

            await SendAsync(stdin, new { jsonrpc = "2.0", id = 1, method = "initialize", @params = new { processId = Environment.ProcessId, rootUri = workspace.RootUri, capabilities = new { } } });
            reader.FirstBytes(16).ShouldBe(Encoding.ASCII.GetBytes("Content-Length: "));
            var initialize = await reader.ResponseAsync(1);
            initialize["result"]!["capabilities"]!["hoverProvider"]!.GetValue<bool>().ShouldBeTrue();
            await SendAsync(stdin, new { jsonrpc = "2.0", method = "initialized", @params = new { } });

            await SendAsync(stdin, new { jsonrpc = "2.0", method = "textDocument/didOpen", @params = new { textDocument = new { uri, languageId = "policylang", version = 1, text } } });
            var diagnostics = await reader.NotificationAsync("textDocument/publishDiagnostics");
            var diagnostic = diagnostics["params"]!["diagnostics"]!.AsArray().ShouldHaveSingleItem().ShouldNotBeNull();
            diagnostic["code"]!.GetValue<string>().ShouldBe("PL0200");

            var field = AnnotatedText.Find(text, "securityContext.privileged", "securityContext.".Length);
            await SendAsync(stdin, new { jsonrpc = "2.0", id = 2, method = "textDocument/completion", @params = new { textDocument = new { uri }, position = new { line = field.Line, character = field.Character } } });
            var labels = (await reader.ResponseAsync(2))["result"]!["items"]!.AsArray().Select(i => i!["label"]!.GetValue<string>()).ToArray();
            labels.ShouldContain("privileged");
            labels.ShouldContain("runAsNonRoot");

            await SendAsync(stdin, new { jsonrpc = "2.0", id = 3, method = "textDocument/hover", @params = new { textDocument = new { uri }, position = new { line = field.Line, character = field.Character + 2 } } });
            (await reader.ResponseAsync(3))["result"]!["contents"]!["value"]!.GetValue<string>().ShouldContain("SecurityContext.privileged: bool");

            var call = AnnotatedText.Find(text, "lib.trusted", 6);
            await SendAsync(stdin, new { jsonrpc = "2.0", id = 4, method = "textDocument/definition", @params = new { textDocument = new { uri }, position = new { line = call.Line, character = call.Character } } });
            (await reader.ResponseAsync(4))["result"]!.AsArray().ShouldHaveSingleItem()!["uri"]!.GetValue<string>().ShouldBe(libraryUri);

            await SendAsync(stdin, new { jsonrpc = "2.0", id = 5, method = "textDocument/formatting", @params = new { textDocument = new { uri }, options = new { tabSize = 2, insertSpaces = true } } });
            (await reader.ResponseAsync(5))["result"]!.AsArray().Count.ShouldBeLessThanOrEqualTo(1);

            await SendAsync(stdin, new { jsonrpc = "2.0", id = 6, method = "shutdown" });
            (await reader.ResponseAsync(6)).ContainsKey("error").ShouldBeFalse();
            await SendAsync(stdin, new { jsonrpc = "2.0", method = "exit" });
            await process.WaitForExitAsync().WaitAsync(Timeout);
            process.ExitCode.ShouldBe(0);
            reader.AllFramesWellFormed.ShouldBeTrue();
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        (await stderr.WaitAsync(Timeout)).ShouldContain("initialized for");
    }

    private static async Task SendAsync(Stream stdin, object message)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(message);
        var header = Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n");
        await stdin.WriteAsync(header);
        await stdin.WriteAsync(body);
        await stdin.FlushAsync();
    }

    /// <summary>Reads Content-Length frames from stdout, checking that nothing else is there.</summary>
    private sealed class FrameReader
    {
        private readonly Stream _stream;
        private readonly List<byte> _firstBytes = [];

        public FrameReader(Stream stream)
        {
            _stream = stream;
        }

        public bool AllFramesWellFormed { get; private set; } = true;

        public byte[] FirstBytes(int count)
        {
            while (_firstBytes.Count < count)
            {
                var b = _stream.ReadByte();
                if (b < 0)
                {
                    break;
                }

                _firstBytes.Add((byte)b);
            }

            return [.. _firstBytes.Take(count)];
        }

        public async Task<JsonObject> ResponseAsync(int id)
        {
            while (true)
            {
                var message = await NextAsync();
                if (message["id"] is { } value && value.GetValueKind() == JsonValueKind.Number && value.GetValue<int>() == id)
                {
                    return message;
                }
            }
        }

        public async Task<JsonObject> NotificationAsync(string method)
        {
            while (true)
            {
                var message = await NextAsync();
                if (message["method"]?.GetValue<string>() == method)
                {
                    return message;
                }
            }
        }

        private async Task<JsonObject> NextAsync()
        {
            using var timeout = new CancellationTokenSource(Timeout);
            var header = new List<byte>();
            while (header.Count < 4 || header[^4] != '\r' || header[^3] != '\n' || header[^2] != '\r' || header[^1] != '\n')
            {
                header.Add(await ReadByteAsync(timeout.Token));
            }

            var lines = Encoding.ASCII.GetString([.. header]).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            if (!lines[0].StartsWith("Content-Length: ", StringComparison.Ordinal) || lines.Any(l => !l.StartsWith("Content-", StringComparison.Ordinal)))
            {
                AllFramesWellFormed = false;
            }

            var length = int.Parse(lines[0]["Content-Length: ".Length..], System.Globalization.CultureInfo.InvariantCulture);
            var body = new byte[length];
            for (var read = 0; read < length; read++)
            {
                body[read] = await ReadByteAsync(timeout.Token);
            }

            return JsonNode.Parse(body)?.AsObject() ?? throw new InvalidDataException("an empty message");
        }

        private async Task<byte> ReadByteAsync(CancellationToken cancellationToken)
        {
            if (_firstBytes.Count > 0)
            {
                var first = _firstBytes[0];
                _firstBytes.RemoveAt(0);
                return first;
            }

            var buffer = new byte[1];
            var read = await _stream.ReadAsync(buffer, cancellationToken);
            return read == 1 ? buffer[0] : throw new EndOfStreamException("stdout ended");
        }
    }
}
