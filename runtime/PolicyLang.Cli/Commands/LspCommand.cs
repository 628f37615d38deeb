// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Lsp;
using PolicyLang.LanguageServer;

namespace PolicyLang.Cli.Commands;

/// <summary>
/// <c>policylang lsp</c>: the language server over stdin/stdout. stdout carries only protocol messages (anything
/// else written to the console goes to stderr); logs go to stderr. Exit 0 after shutdown/exit, 1 otherwise.
/// </summary>
internal static class LspCommand
{
    public static Command Create()
    {
        var stdio = new Option<bool>("--stdio") { Description = "Talk LSP over stdin/stdout (the default and only transport)." };
        var command = new Command("lsp", "Run the language server (LSP over stdin/stdout) for editors.");
        command.Options.Add(stdio);
        command.SetAction(_ => Run());
        return command;
    }

    private static int Run()
    {
        var input = Console.OpenStandardInput();
        var output = Console.OpenStandardOutput();

        // Nothing but protocol may reach stdout: stray console writes go to stderr.
        var stderr = Console.Error;
        Console.SetOut(stderr);
        var options = new ServerOptions { Log = stderr, Tools = new CliPolicyTools() };
        return Server.RunAsync(input, output, options).GetAwaiter().GetResult();
    }
}
