// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Compiler;
using PolicyLang.Compiler.Builtins;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang capabilities</c>: the built-in functions of this engine as JSON (capabilities.json).</summary>
internal static class CapabilitiesCommand
{
    public static Command Create()
    {
        var command = new Command("capabilities", "Print the built-in functions this engine provides, as capabilities.json.");
        command.SetAction(_ =>
        {
            Console.Out.WriteLine(BuiltinCatalog.CapabilitiesJson(Compilation.CompilerVersion.Split('+')[0]));
            return ExitCodes.Success;
        });
        return command;
    }
}
