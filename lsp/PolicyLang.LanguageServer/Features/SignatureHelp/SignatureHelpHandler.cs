// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Syntax;
using PolicyLang.LanguageServer.Hosting;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Utils;
using PolicyLang.LanguageServer.Workspace;
using StreamJsonRpc;
using LspSignatureHelp = PolicyLang.LanguageServer.Protocol.SignatureHelp;

namespace PolicyLang.LanguageServer.Features.SignatureHelp;

/// <summary>
/// <c>textDocument/signatureHelp</c> for built-ins (every overload), the language's own functions and user functions
/// (own package or <c>alias.f</c>). The call is found from the tokens before the cursor, so it works while the
/// arguments are still incomplete; in the method form <c>x.f(…)</c> the receiver is the first parameter.
/// </summary>
public sealed class SignatureHelpHandler : ILspHandler
{
    private static readonly IReadOnlyDictionary<string, SignatureInformation> Intrinsics = new Dictionary<string, SignatureInformation>(StringComparer.Ordinal)
    {
        ["exists"] = Intrinsic("exists(value: any): bool", "True when the value is present (not absent).", "value"),
        ["inventory"] = Intrinsic("inventory(kind: string): list<Kind>", "The objects evaluated together with the subject; with a kind, only those, typed.", "kind"),
        ["workloads"] = Intrinsic("workloads(): list<Workload>", "Every workload evaluated together with the subject."),
    };

    private readonly ICompilationManager _manager;
    private readonly RequestGuard _guard;

    public SignatureHelpHandler(ICompilationManager manager, RequestGuard guard)
    {
        _manager = manager;
        _guard = guard;
    }

    public ServerCapabilities Advertise(ServerCapabilities capabilities) => capabilities with { SignatureHelpProvider = new SignatureHelpOptions(["(", ","], [","]) };

    [JsonRpcMethod("textDocument/signatureHelp", UseSingleObjectParameterDeserialization = true)]
    public Task<LspSignatureHelp?> SignatureHelpAsync(SignatureHelpParams parameters, CancellationToken cancellationToken) =>
        _guard.RunAsync("textDocument/signatureHelp", (snapshot, _) => snapshot.Find(parameters.TextDocument.Uri) is { } document ? Help(_manager.Analyze(snapshot, document), parameters.Position) : null, cancellationToken);

    public static LspSignatureHelp? Help(DocumentAnalysis analysis, Position position)
    {
        var offset = PositionMapper.ToOffset(analysis.Text, position);
        if (FindCall(analysis.Tree.Tokens, offset) is not { } call)
        {
            return null;
        }

        var model = analysis.Model;
        var imports = model.ImportsOf(analysis.Tree);
        var isPackageCall = call.Receiver is { } alias && imports.ContainsKey(alias);
        var methodShift = call.Receiver is not null && !isPackageCall ? 1 : 0;
        var active = call.Commas + methodShift;

        FunctionSymbol? function = null;
        if (isPackageCall && call.Receiver is { } packageAlias)
        {
            function = imports[packageAlias].Package.Members.GetValueOrDefault(call.Name) as FunctionSymbol;
        }
        else if (model.PackageOf(analysis.Tree)?.Members.GetValueOrDefault(call.Name) is FunctionSymbol own)
        {
            function = own;
        }

        if (function is not null)
        {
            var signature = new SignatureInformation(
                Shared.SymbolMarkdown.FunctionSignature(function, model),
                function.Documentation is { } doc ? MarkupContent.Markdown(doc) : null,
                function.Parameters.Select(p => new ParameterInformation($"{p.Name}: {p.Type}")).ToArray());
            return new LspSignatureHelp([signature], 0, active);
        }

        if (!isPackageCall && Intrinsics.TryGetValue(call.Name, out var intrinsic))
        {
            return new LspSignatureHelp([intrinsic], 0, active);
        }

        if (!isPackageCall && BuiltinCatalog.Find(call.Name) is { } builtin)
        {
            var signatures = builtin.Overloads.Select(Signature).ToArray();
            var best = builtin.Overloads.Select((o, i) => (o, i)).FirstOrDefault(p => p.o.Parameters.Count > active).i;
            return new LspSignatureHelp(signatures, best, active);
        }

        return null;
    }

    private static SignatureInformation Signature(BuiltinOverload overload) => new(
        overload.Signature,
        MarkupContent.Markdown(overload.Summary),
        overload.Parameters.Select(p => new ParameterInformation($"{p.Name}: {p.Type}", p.Documentation.Length == 0 ? null : MarkupContent.Markdown(p.Documentation))).ToArray());

    private static SignatureInformation Intrinsic(string label, string documentation, params string[] parameters) =>
        new(label, MarkupContent.Markdown(documentation), parameters.Select(p => new ParameterInformation(p)).ToArray());

    /// <summary>The innermost unclosed call before the offset: its name, the receiver before a dot, and the commas so far.</summary>
    public static (string Name, string? Receiver, int Commas)? FindCall(IReadOnlyList<SyntaxToken> tokens, int offset)
    {
        var depth = 0;
        var commas = 0;
        var last = LastBefore(tokens, offset);
        for (var i = last; i >= 0; i--)
        {
            var text = tokens[i].Text;
            switch (text)
            {
                case ")" or "]" or "}":
                    depth++;
                    break;
                case "[" or "{" when depth > 0:
                    depth--;
                    break;
                case "[" or "{":
                    return null;
                case "," when depth == 0:
                    commas++;
                    break;
                case "(" when depth > 0:
                    depth--;
                    break;
                case "(":
                    if (i == 0 || tokens[i - 1].Kind is not (SyntaxTokenKind.Identifier or SyntaxTokenKind.Keyword))
                    {
                        return null;
                    }

                    var name = tokens[i - 1].Text;
                    var receiver = i >= 3 && tokens[i - 2].Text == "." && tokens[i - 3].Kind == SyntaxTokenKind.Identifier ? tokens[i - 3].Text : i >= 2 && tokens[i - 2].Text == "." ? "(expression)" : null;
                    return (name, receiver, commas);
            }
        }

        return null;
    }

    private static int LastBefore(IReadOnlyList<SyntaxToken> tokens, int offset)
    {
        var low = 0;
        var high = tokens.Count - 1;
        var result = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (tokens[middle].Span.End <= offset)
            {
                result = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return result;
    }
}
