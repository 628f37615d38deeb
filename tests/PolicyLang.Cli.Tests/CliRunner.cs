// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using System.Text.Json;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli.Tests;

/// <summary>Runs CLI commands in-process with captured output.</summary>
internal static class CliRunner
{
    public static (int ExitCode, string Output, string Error) Eval(IReadOnlyList<string> policies, IReadOnlyList<string> inputs, string output = "json", string? subject = null, IReadOnlyList<string>? parameters = null, string stdin = "") =>
        Eval(new EvalOptions { Policies = policies, Inputs = inputs, Subject = subject, Outputs = [output], Parameters = parameters ?? [] }, stdin);

    public static (int ExitCode, string Output, string Error) Eval(EvalOptions options, string stdin = "")
    {
        using var stdout = new MemoryStream();
        var stderr = new StringWriter();
        var code = EvalCommand.Run(options, () => new MemoryStream(Encoding.UTF8.GetBytes(stdin)), stdout, stderr);
        return (code, Encoding.UTF8.GetString(stdout.ToArray()), stderr.ToString());
    }

    public static JsonElement Json(string output) => JsonDocument.Parse(output).RootElement;

    public static string TempFile(string name, string content)
    {
        var directory = Path.Combine(Path.GetTempPath(), "policylang-cli-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static string TempFile(string name, byte[] content)
    {
        var path = TempFile(name, string.Empty);
        File.WriteAllBytes(path, content);
        return path;
    }

    public static string Example(params string[] parts) => Path.Combine([RepositoryPaths.Root, "examples", .. parts]);
}
