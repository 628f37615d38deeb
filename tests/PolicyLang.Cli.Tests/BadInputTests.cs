// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Diagnostics;
using System.Text;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>Bad input gets a clear error naming the file and place; nothing else is lost.</summary>
public sealed class BadInputTests
{
    private static readonly string Policies = CliRunner.Example("policies");

    [Fact]
    public void A_malformed_document_is_an_error_and_the_other_documents_are_still_evaluated()
    {
        var input = CliRunner.TempFile("mixed.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: first}
            spec: {containers: [{name: a, image: evil.example.com/x:1, resources: {limits: {memory: 1Gi}}}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: broken
            spec: [unclosed
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: third}
            spec: {containers: [{name: a, image: evil.example.com/x:1, resources: {limits: {memory: 1Gi}}}]}
            """);
        var (code, output, _) = CliRunner.Eval([Policies], [input]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        var names = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subject").GetProperty("name").GetString()).ToArray();
        names.ShouldContain("first");
        names.ShouldContain("third");
        var error = json.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(input);
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBeInRange(8, 10);
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("document 1");
    }

    [Fact]
    public void Malformed_json_is_an_error_naming_file_document_and_line_and_the_other_inputs_are_still_evaluated()
    {
        var lines = CliRunner.TempFile("objects.jsonl", string.Join('\n',
            """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "one"}}""",
            """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": }}""",
            """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "three"}}""") + "\n");
        var file = CliRunner.TempFile("object.json", """
            {
              "apiVersion": "v1",
              "kind": "ConfigMap",
              "metadata": {"name": "four",}
            }
            """);
        var (code, output, _) = CliRunner.Eval([Policies], [lines, file, CliRunner.Example("inputs", "manifests", "web.yaml")]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        var names = json.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("subject").GetProperty("name").GetString()).ToArray();
        names.ShouldBe(["one", "three", "web", "web"], ignoreOrder: true);
        var errors = json.GetProperty("errors").EnumerateArray().Select(e => (
            e.GetProperty("location").GetProperty("file").GetString(),
            e.GetProperty("location").GetProperty("line").GetInt32(),
            e.GetProperty("message").GetString() ?? string.Empty)).ToArray();
        errors.Length.ShouldBe(2);
        errors[0].ShouldSatisfyAllConditions(e => e.Item1.ShouldBe(lines), e => e.Item2.ShouldBe(2), e => e.Item3.ShouldStartWith("invalid JSON"), e => e.Item3.ShouldContain("document 1"));
        errors[1].ShouldSatisfyAllConditions(e => e.Item1.ShouldBe(file), e => e.Item2.ShouldBe(4), e => e.Item3.ShouldStartWith("invalid JSON"), e => e.Item3.ShouldContain("document 0"));
    }

    [Theory]
    [InlineData("deep.json")]
    [InlineData("deep.yaml")]
    [InlineData("deep.jsonl")]
    public void A_document_nested_ten_thousand_levels_deep_is_an_error_not_a_crash(string name)
    {
        var deep = new StringBuilder("{\"apiVersion\": \"v1\", \"kind\": \"ConfigMap\", \"metadata\": {\"name\": \"deep\"}, \"data\": ");
        deep.Append(new string('[', 10_000)).Append(new string(']', 10_000)).Append("}\n");
        var after = name.EndsWith(".jsonl", StringComparison.Ordinal)
            ? """{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "after"}}"""
            : "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n";
        var input = CliRunner.TempFile(name, deep + (name.EndsWith(".json", StringComparison.Ordinal) ? string.Empty : after));
        var (code, output, _) = CliRunner.Eval([Policies], [input]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        var error = json.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("deeper than");
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(input);
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(1);
        if (!name.EndsWith(".json", StringComparison.Ordinal))
        {
            json.GetProperty("results").EnumerateArray().Single().GetProperty("subject").GetProperty("name").GetString().ShouldBe("after");
        }
    }

    [Theory]
    [InlineData("sequences")]
    [InlineData("mappings")]
    public void Yaml_block_nesting_far_too_deep_is_an_error_and_the_next_document_is_still_evaluated(string style)
    {
        // Block style, not flow style: "- - - … 1" nests 10,000 sequences on one line; block mappings need one more
        // column of indentation per level, so 2,000 levels (2 MB of spaces) stand for them.
        var deep = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n");
        if (style == "sequences")
        {
            deep.Insert(deep.Length, "- ", 10_000).Append("1\n");
        }
        else
        {
            for (var level = 1; level <= 2_000; level++)
            {
                deep.Append(' ', level).Append("a:\n");
            }

            deep.Append(' ', 2_001).Append("b: 1\n");
        }

        var input = CliRunner.TempFile("deep.yaml", deep + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n");
        var (code, output, _) = CliRunner.Eval([Policies], [input]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        var error = json.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("deeper than");
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("document 0");
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(input);
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBeGreaterThanOrEqualTo(5);
        json.GetProperty("results").EnumerateArray().Single().GetProperty("subject").GetProperty("name").GetString().ShouldBe("after");
    }

    [Theory]
    [InlineData("event", "events.jsonl", """{"type": "execve", "proc": {"name": "sh", "args": DEEP}}""")]
    [InlineData("admission", "review.json", """{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview", "request": {"uid": "1", "operation": "CREATE", "object": DEEP}}""")]
    [InlineData("image", "image.json", """{"reference": "nginx", "config": DEEP}""")]
    [InlineData("host", "facts.json", """{"node": "n1", "files": DEEP}""")]
    public void Every_subject_kind_refuses_ten_thousand_levels_of_nesting_with_an_error(string subject, string name, string template)
    {
        var input = CliRunner.TempFile(name, template.Replace("DEEP", new string('[', 10_000) + new string(']', 10_000), StringComparison.Ordinal) + "\n");
        var (code, output, _) = CliRunner.Eval([Policies], [input], subject: subject);
        code.ShouldBe(2);
        var error = CliRunner.Json(output).GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("deeper than");
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(input);
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(1);
    }

    [Fact]
    public void Binary_garbage_is_an_error_naming_the_file_and_the_other_inputs_are_still_evaluated()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[10] = 0;
        var input = CliRunner.TempFile("garbage.yaml", bytes);
        var (code, output, _) = CliRunner.Eval([Policies], [input, CliRunner.Example("inputs", "manifests", "web.yaml")]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        var error = json.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("location").GetProperty("file").GetString().ShouldBe(input);
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("not a text file");
        json.GetProperty("results").GetArrayLength().ShouldBe(2, "web.yaml is still evaluated");
    }

    [Fact]
    public void A_missing_input_file_is_an_error()
    {
        var (code, output, _) = CliRunner.Eval([Policies], ["no/such/file.yaml", CliRunner.Example("inputs", "manifests", "web.yaml")]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);
        json.GetProperty("errors").EnumerateArray().Single().GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("no/such/file.yaml");
        json.GetProperty("results").GetArrayLength().ShouldBe(2, "the other inputs are still evaluated");
    }

    [Fact]
    public void An_unknown_subject_kind_lists_the_valid_ones()
    {
        var (code, _, error) = CliRunner.Eval([Policies], ["-"], subject: "pods");
        code.ShouldBe(2);
        error.ShouldContain("manifest");
        error.ShouldContain("admission");
        error.ShouldContain("host");
    }

    [Fact]
    public void A_wrong_type_where_an_object_is_expected_is_an_error_for_that_subject()
    {
        var input = CliRunner.TempFile("wrongtype.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: {name: odd}
            spec:
              containers: "x"
            """);
        var (code, output, _) = CliRunner.Eval([Policies], [input]);
        code.ShouldBe(2);
        var result = CliRunner.Json(output).GetProperty("results").EnumerateArray().Single();
        var error = result.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("/spec/containers");
        error.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(5);
    }

    [Fact]
    public void Values_of_the_wrong_type_are_errors_at_their_line_and_the_other_documents_are_still_evaluated()
    {
        var input = CliRunner.TempFile("types.yaml", """
            apiVersion: v1
            kind: Pod
            metadata: "just a string"
            spec: {containers: [{name: a, image: "nginx:1.0"}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: dep}
            spec:
              template:
                spec:
                  containers:
                  - name: a
                    image: registry.k8s.io/pause:3.9
                    securityContext: {privileged: [yes]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ports}
            spec:
              containers:
              - name: a
                image: registry.k8s.io/pause:3.9
                ports: [{containerPort: {http: 80}}]
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: fine}
            """);
        var (code, output, _) = CliRunner.Eval([Policies], [input]);
        code.ShouldBe(2);
        var json = CliRunner.Json(output);

        var metadata = json.GetProperty("errors").EnumerateArray().Single();
        metadata.GetProperty("message").GetString().ShouldNotBeNull().ShouldContain("metadata must be a map");
        metadata.GetProperty("location").GetProperty("line").GetInt32().ShouldBe(3);

        var results = json.GetProperty("results").EnumerateArray().ToDictionary(r => r.GetProperty("subject").GetProperty("name").GetString() ?? string.Empty);
        results.Keys.ShouldBe(["dep", "ports", "fine"], ignoreOrder: true);
        Error(results["dep"]).ShouldSatisfyAllConditions(
            e => e.Message.ShouldContain("/spec/template/spec/containers/0/securityContext/privileged"),
            e => e.Line.ShouldBe(15));
        Error(results["ports"]).ShouldSatisfyAllConditions(
            e => e.Message.ShouldContain("/spec/containers/0/ports/0/containerPort"),
            e => e.Line.ShouldBe(24));
        results["fine"].GetProperty("errors").GetArrayLength().ShouldBe(0);

        static (string Message, int Line) Error(System.Text.Json.JsonElement result)
        {
            var error = result.GetProperty("errors").EnumerateArray().Single();
            return (error.GetProperty("message").GetString() ?? string.Empty, error.GetProperty("location").GetProperty("line").GetInt32());
        }
    }

    [Fact]
    public void A_policy_file_with_many_errors_reports_them_all()
    {
        var policy = CliRunner.TempFile("broken.policy", """
            package broken
            rule a on workload w { deny "x" when w.spec.hostNetwrk == true }
            rule b on workloads w { deny "x" }
            rule c on workload w { deny "x" when (w.kind == }
            rule d on workload w { deny "x" when lowr(w.kind) == "pod" }
            rule e on workload w { deny 5 }
            """);
        var output = new StringWriter();
        var code = CheckCommand.Run([policy], noCache: true, output, new StringWriter());
        code.ShouldBe(2);
        var text = output.ToString();
        text.ShouldContain("broken.policy:2:");
        text.ShouldContain("PL0200");
        text.ShouldContain("broken.policy:3:");
        text.ShouldContain("PL0104");
        text.ShouldContain("broken.policy:4:");
        text.ShouldContain("broken.policy:5:");
        text.ShouldContain("PL0203");
        text.ShouldContain("broken.policy:6:");
        text.ShouldContain("PL0209");
    }

    [Fact]
    public void A_missing_policy_path_is_an_error()
    {
        var (code, _, error) = CliRunner.Eval(["no/such/policies"], [CliRunner.Example("inputs", "manifests", "web.yaml")]);
        code.ShouldBe(2);
        error.ShouldContain("no/such/policies");
    }

    [Fact]
    public async Task A_hundred_megabyte_stream_on_stdin_is_evaluated_in_bounded_memory()
    {
        // About 200,000 small documents piped into the real process and reported as JSON (whose summary comes first,
        // so results are spooled). A streaming run holds one document at a time: peak RSS (VmHWM from /proc) stays
        // near the runtime's own ~100 MB whatever the input size; holding the input or the report would take several
        // times the 100 MB written.
        var policy = CliRunner.TempFile("tiny.policy", """
            package tiny
            @severity(low)
            rule named on manifest m {
              warn "odd name" when endsWith(m.metadata.name, "x")
            }
            """);
        OperatingSystem.IsLinux().ShouldBeTrue("peak memory is read from /proc: the test runs on Linux, as CI does");
        File.Exists(ProcessRunner.Executable).ShouldBeTrue("the policylang executable is built next to the tests");

        var start = new ProcessStartInfo(ProcessRunner.Executable, ["eval", "-p", policy, "-o", "json", "-"])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("policylang did not start");
        var output = new CountingStream();
        var drain = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peakKb = Math.Max(peakKb, ReadPeakKb(process.Id));
                await Task.Delay(50);
            }
        });

        long written = 0;
        var documents = 0;
        var payload = new string('x', 400);
        using (var stdin = new StreamWriter(process.StandardInput.BaseStream, new UTF8Encoding(false), 1 << 16))
        {
            while (written < 100L * 1024 * 1024)
            {
                var document = $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{documents++}\n  namespace: bulk\ndata:\n  payload: \"{payload}\"\n---\n";
                await stdin.WriteAsync(document);
                written += document.Length;
            }
        }

        await process.WaitForExitAsync();
        await drain;
        await sampling.CancelAsync();
        await sampler;
        peakKb = Math.Max(peakKb, ReadPeakKb(process.Id));
        process.ExitCode.ShouldBe(0, await errors);
        output.Length.ShouldBeGreaterThan(documents * 100L, "every document has its result in the report");
        peakKb.ShouldBeGreaterThan(0, "VmHWM was read");
        peakKb.ShouldBeLessThan(250 * 1024, $"peak RSS must stay bounded while streaming {written / (1024 * 1024)} MB ({documents} documents)");
    }

    [Fact]
    public async Task A_fifty_megabyte_input_file_is_streamed_in_bounded_memory()
    {
        // A 50 MB file of about 100,000 documents read by path (not stdin) in the real process: peak RSS stays near the
        // runtime's own, far below what holding the file's text, its documents or the report would take.
        var policy = CliRunner.TempFile("tiny.policy", """
            package tiny
            @severity(low)
            rule named on manifest m {
              warn "odd name" when endsWith(m.metadata.name, "7")
            }
            """);
        var input = Path.Combine(Path.GetDirectoryName(policy) ?? throw new InvalidOperationException("no directory"), "big.yaml");
        var documents = 0;
        var payload = new string('x', 400);
        await using (var writer = new StreamWriter(input, append: false, new UTF8Encoding(false), 1 << 16))
        {
            while (writer.BaseStream.Length < 50L * 1024 * 1024)
            {
                await writer.WriteAsync($"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c{documents++}\n  namespace: bulk\ndata:\n  payload: \"{payload}\"\n---\n");
            }
        }

        var start = new ProcessStartInfo(ProcessRunner.Executable, ["eval", "-p", policy, "-o", "json", input])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start) ?? throw new InvalidOperationException("policylang did not start");
        var output = new CountingStream();
        var drain = process.StandardOutput.BaseStream.CopyToAsync(output);
        var errors = process.StandardError.ReadToEndAsync();
        long peakKb = 0;
        while (!process.HasExited)
        {
            peakKb = Math.Max(peakKb, ReadPeakKb(process.Id));
            await Task.Delay(50);
        }

        await process.WaitForExitAsync();
        await drain;
        File.Delete(input);
        process.ExitCode.ShouldBe(0, await errors);
        output.Length.ShouldBeGreaterThan(documents * 100L, "every document has its result in the report");
        peakKb.ShouldBeGreaterThan(0, "VmHWM was read");
        peakKb.ShouldBeLessThan(250 * 1024, $"peak RSS must stay bounded while reading a 50 MB file ({documents} documents)");
    }

    private static long ReadPeakKb(int pid)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>Counts what is written and keeps none of it.</summary>
    private sealed class CountingStream : Stream
    {
        private long _length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => _length += count;
    }
}
