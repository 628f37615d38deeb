// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.CommandLine;
using System.Security.Cryptography;
using PolicyLang.Bundles;
using PolicyLang.Hosts.Admission;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Policies;

namespace PolicyLang.Cli.Commands;

/// <summary><c>policylang serve admission ...</c>: the admission webhook host.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var serve = new Command("serve", "Run a host.");
        serve.Subcommands.Add(CreateAdmission());
        return serve;
    }

    private static Command CreateAdmission()
    {
        var command = new Command(
            "admission",
            "Serve the validating (POST /validate) and mutating (POST /mutate) admission webhook over HTTPS, with /healthz, /readyz and /metrics. "
            + $"Every option can also be set in a config file (--config, keys named like the options) or as an environment variable ({HostSettings.EnvironmentPrefix}TLS_CERT for --tls-cert).");
        var scalars = new Dictionary<string, Option<string?>>(StringComparer.Ordinal)
        {
            ["config"] = new("--config") { Description = "A YAML or JSON file of settings (keys named like the options)." },
            ["bundle"] = new("--bundle") { Description = "The compiled bundle to serve (reloaded when it changes)." },
            ["bindings"] = new("--bindings") { Description = "A bindings file laid over the bundle's own." },
            ["verify-key"] = new("--verify-key") { Description = "Only load bundles signed with this public key." },
            ["address"] = new("--address") { Description = "The address to listen on (default 0.0.0.0)." },
            ["port"] = new("--port") { Description = "The port (default 8443)." },
            ["tls-cert"] = new("--tls-cert") { Description = "PEM certificate file (reloaded when it changes)." },
            ["tls-key"] = new("--tls-key") { Description = "PEM private key file (reloaded when it changes)." },
            ["failure-mode"] = new("--failure-mode") { Description = "open (allow with a warning) or closed (deny) when the host cannot decide (default open)." },
            ["deadline"] = new("--deadline") { Description = "Evaluation budget per review, below the webhook timeout (default 2s)." },
            ["namespace"] = new("--namespace") { Description = "The host's own namespace, excluded from admission (set from the pod's namespace in deploy/)." },
            ["max-body-bytes"] = new("--max-body-bytes") { Description = "The largest request body accepted (default 8388608)." },
            ["max-concurrency"] = new("--max-concurrency") { Description = "Reviews evaluated at once (default 64)." },
            ["reload-interval"] = new("--reload-interval") { Description = "How often inputs are checked for changes besides file events (default 5s)." },
            ["log-level"] = new("--log-level") { Description = "trace, debug, information, warning, error or none (default information)." },
            ["decision-log-level"] = new("--decision-log-level") { Description = "Level of the one-line-per-decision log; none turns it off (default information)." },
        };
        var lists = new Dictionary<string, Option<string[]>>(StringComparer.Ordinal)
        {
            ["policies"] = new("--policy", "-p") { Description = "Policy files or directories to compile at start-up instead of a bundle (repeatable)." },
            ["exclude-namespaces"] = new("--exclude-namespace") { Description = "Namespaces (globs) allowed without evaluation (repeatable or comma-separated; default kube-system)." },
        };
        var insecure = new Option<bool>("--insecure") { Description = "Serve plain HTTP instead of HTTPS (tests only)." };
        foreach (var option in scalars.Values)
        {
            command.Options.Add(option);
        }

        foreach (var option in lists.Values)
        {
            command.Options.Add(option);
        }

        command.Options.Add(insecure);
        command.SetAction(parsed =>
        {
            var given = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
            foreach (var (name, option) in scalars)
            {
                if (parsed.GetValue(option) is { } value)
                {
                    given[name] = [value];
                }
            }

            foreach (var (name, option) in lists)
            {
                if (parsed.GetValue(option) is { Length: > 0 } values)
                {
                    given[name] = values;
                }
            }

            if (parsed.GetValue(insecure))
            {
                given["insecure"] = ["true"];
            }

            return Run(given, Environment.GetEnvironmentVariables(), Console.Error);
        });
        return command;
    }

    public static int Run(IReadOnlyDictionary<string, IReadOnlyList<string>> given, IDictionary environment, TextWriter stderr)
    {
        var variables = environment.Cast<DictionaryEntry>().ToDictionary(e => (string)e.Key, e => e.Value as string ?? string.Empty, StringComparer.Ordinal);
        var errors = new List<string>();
        var options = HostSettings.Resolve(given, variables, errors);
        if (errors.Count > 0)
        {
            foreach (var error in errors)
            {
                stderr.WriteLine("policylang serve admission: " + error);
            }

            return ExitCodes.Error;
        }

        IPolicySource source;
        if (options.Bundle is { } bundle)
        {
            var bundleSource = new BundleFileSource(bundle, options.Bindings, options.VerifyKey);
            try
            {
                bundleSource.CheckKey();
            }
            catch (BundleException e)
            {
                stderr.WriteLine("policylang serve admission: " + e.Message);
                return ExitCodes.Error;
            }

            source = bundleSource;
        }
        else
        {
            source = new SourcePolicySource(options.PolicyPaths, options.Bindings);
        }

        try
        {
            using var app = AdmissionHost.Build(options, source);
            app.Run();
            return ExitCodes.Success;
        }
        catch (CryptographicException e)
        {
            stderr.WriteLine("policylang serve admission: " + e.Message);
            return ExitCodes.Error;
        }
        catch (IOException e)
        {
            stderr.WriteLine("policylang serve admission: cannot listen: " + e.Message);
            return ExitCodes.Error;
        }
    }
}
