// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Cli.Commands;

namespace PolicyLang.Cli;

internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("PolicyLang: typed policies for Kubernetes manifests, admission requests, images, runtime events and hosts.");
        root.Subcommands.Add(CheckCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(TestCommand.Create());
        root.Subcommands.Add(FmtCommand.Create());
        root.Subcommands.Add(CapabilitiesCommand.Create());
        root.Subcommands.Add(DocCommand.Create());
        root.Subcommands.Add(BuildCommand.Create());
        root.Subcommands.Add(KeygenCommand.Create());
        root.Subcommands.Add(VerifyBundleCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(AuditCommand.Create());
        root.Subcommands.Add(LspCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Console.Error.WriteLine("policylang: " + error.Message);
            }

            Console.Error.WriteLine("Run 'policylang --help' for usage.");
            return ExitCodes.Error;
        }

        return parsed.Invoke();
    }
}
