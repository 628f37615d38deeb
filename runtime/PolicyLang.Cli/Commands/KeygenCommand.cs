// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.CommandLine;
using PolicyLang.Bundles.Signing;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang keygen [-o NAME]</c>: an ECDSA P-256 key pair for signing bundles (NAME.key and NAME.pub).</summary>
internal static class KeygenCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--output", "-o") { Description = "Path and name of the key files, without extension: writes NAME.key (private) and NAME.pub (public).", DefaultValueFactory = _ => "policylang" };
        var force = new Option<bool>("--force") { Description = "Overwrite existing key files." };
        var command = new Command("keygen", "Generate an ECDSA P-256 key pair for signing bundles: NAME.key (keep it secret) and NAME.pub (give it to hosts as --verify-key).");
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parsed => Run(parsed.GetValue(output) ?? "policylang", parsed.GetValue(force), Console.Out, Console.Error));
        return command;
    }

    public static int Run(string name, bool force, TextWriter stdout, TextWriter stderr)
    {
        var privatePath = name + ".key";
        var publicPath = name + ".pub";
        if (!force && (File.Exists(privatePath) || File.Exists(publicPath)))
        {
            stderr.WriteLine($"policylang: {privatePath} or {publicPath} exists; use --force to overwrite");
            return ExitCodes.Error;
        }

        using var key = SigningKey.Generate();
        try
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(privatePath));
            if (directory is not null)
            {
                Directory.CreateDirectory(directory);
            }

            // The private key is readable by its owner only.
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            using (var stream = new FileStream(privatePath, options))
            using (var writer = new StreamWriter(stream))
            {
                writer.Write(key.ExportPrivateKeyPem() + "\n");
            }

            File.WriteAllText(publicPath, key.ExportPublicKeyPem() + "\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"policylang: cannot write the key files: {e.Message}");
            return ExitCodes.Error;
        }

        stdout.WriteLine($"wrote {privatePath} (private, keep it secret) and {publicPath} (public): key id {key.KeyId}");
        return ExitCodes.Success;
    }
}
