// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;

namespace PolicyLang.LanguageServer.Features.Commands;

/// <summary>
/// <c>workspace/executeCommand</c>: <see cref="CommandNames.EvaluateFile"/> and <see cref="CommandNames.RunTests"/>,
/// on the open buffer's text (unsaved edits included) and what it imports.
/// </summary>
public sealed class ExecuteCommandHandler : ILspHandler
{
    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;
    private readonly IPolicyTools? _tools;

    public ExecuteCommandHandler(ICompilationManager manager, RequestGuard guard, IPolicyTools? tools)
    {
        _manager = manager;
        _guard = guard;
        _tools = tools;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with
    {
        ExecuteCommandProvider = new ExecuteCommandOptions([CommandNames.EvaluateFile, CommandNames.RunTests]),
    };

    [JsonRpcMethod("workspace/executeCommand", UseSingleObjectParameterDeserialization = true)]
    public Task<object?> ExecuteAsync(ExecuteCommandParameters parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("workspace/executeCommand", (snapshot, token) => Execute(snapshot, parameters, token), cancellationToken);

    private object? Execute(WorkspaceSnapshot snapshot, ExecuteCommandParameters parameters, CancellationToken cancellationToken)
    {
        var arguments = parameters.Arguments ?? [];
        switch (parameters.Command)
        {
            case CommandNames.EvaluateFile:
                var (analysis, input) = (Document(snapshot, arguments, 0), StringArgument(arguments, 1, "the input file path"));
                try
                {
                    return Tools().Evaluate(analysis.Compilation, analysis.Tree.PackageName, input, cancellationToken);
                }
                catch (PolicyToolException e)
                {
                    throw Failed(e.Message);
                }

            case CommandNames.RunTests:
                var document = Document(snapshot, arguments, 0);
                try
                {
                    var report = Tools().RunTests(document.Compilation, document.Document.Path, cancellationToken);
                    return new { tests = report.Tests.Select(t => new { name = t.Name, passed = t.Passed, message = t.Message }), uncoveredRules = report.UncoveredRules };
                }
                catch (PolicyToolException e)
                {
                    throw Failed(e.Message);
                }

            default:
                throw new LocalRpcException($"unknown command '{parameters.Command}'; expected {CommandNames.EvaluateFile} or {CommandNames.RunTests}") { ErrorCode = LspErrorCodes.InvalidParams };
        }
    }

    private IPolicyTools Tools() => _tools ?? throw Failed("this server was started without policy evaluation (run it as 'policylang lsp')");

    private DocumentAnalysis Document(WorkspaceSnapshot snapshot, IReadOnlyList<JsonElement> arguments, int index)
    {
        var uri = StringArgument(arguments, index, "the policy document URI");
        return snapshot.Find(uri) is { } document ? _manager.Analyze(snapshot, document) : throw Failed($"{uri} is not a policy document the server knows; open it first");
    }

    private static string StringArgument(IReadOnlyList<JsonElement> arguments, int index, string what) =>
        index < arguments.Count && arguments[index].ValueKind == JsonValueKind.String && arguments[index].GetString() is { Length: > 0 } value
            ? value
            : throw new LocalRpcException($"argument {index + 1} must be {what} (a string)") { ErrorCode = LspErrorCodes.InvalidParams };

    private static LocalRpcException Failed(string message) => new(message) { ErrorCode = LspErrorCodes.RequestFailed };
}

/// <summary>The parameters of <c>workspace/executeCommand</c>, arguments kept as raw JSON.</summary>
public sealed record ExecuteCommandParameters(string Command, IReadOnlyList<JsonElement>? Arguments = null);
