// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using Microsoft.Extensions.Logging;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Hosts.Admission.Configuration;

/// <summary>
/// Resolves the host's settings from, in increasing precedence: defaults, a config file (YAML or JSON, keys named
/// like the flags: <c>tls-cert: /certs/tls.crt</c>), environment variables (<c>POLICYLANG_TLS_CERT</c>) and the
/// command line (<c>--tls-cert</c>). Lists are YAML/JSON lists in the file and comma-separated elsewhere.
/// </summary>
public static class HostSettings
{
    public const string EnvironmentPrefix = "POLICYLANG_";

    /// <summary>Every setting name (the flag without dashes in front).</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        "config", "bundle", "policies", "bindings", "verify-key", "address", "port", "tls-cert", "tls-key", "insecure",
        "failure-mode", "deadline", "exclude-namespaces", "namespace", "max-body-bytes", "max-concurrency",
        "reload-interval", "log-level", "decision-log-level",
    ];

    private static readonly HashSet<string> ListNames = new(["policies", "exclude-namespaces"], StringComparer.Ordinal);

    /// <summary>The environment variable of a setting: <c>tls-cert</c> is <c>POLICYLANG_TLS_CERT</c>.</summary>
    public static string EnvironmentName(string name) => EnvironmentPrefix + name.Replace('-', '_').ToUpperInvariant();

    /// <summary>Resolves the options; problems (each naming the setting and its source) go to <paramref name="errors"/>.</summary>
    /// <param name="commandLine">Settings given on the command line, by name.</param>
    /// <param name="environment">The environment variables.</param>
    /// <param name="errors">Receives every problem.</param>
    public static AdmissionHostOptions Resolve(IReadOnlyDictionary<string, IReadOnlyList<string>> commandLine, IReadOnlyDictionary<string, string> environment, List<string> errors)
    {
        var values = new Dictionary<string, (IReadOnlyList<string> Values, string Source)>(StringComparer.Ordinal);
        var configFile = commandLine.TryGetValue("config", out var c) && c.Count > 0 ? c[^1]
            : environment.TryGetValue(EnvironmentName("config"), out var e) && e.Length > 0 ? e : null;
        if (configFile is not null)
        {
            ReadConfigFile(configFile, values, errors);
        }

        foreach (var name in Names)
        {
            if (environment.TryGetValue(EnvironmentName(name), out var text) && text.Length > 0)
            {
                values[name] = (ListNames.Contains(name) ? SplitList(text) : [text], "$" + EnvironmentName(name));
            }
        }

        foreach (var (name, given) in commandLine)
        {
            if (given.Count > 0)
            {
                values[name] = (ListNames.Contains(name) ? given.SelectMany(SplitList).ToArray() : [given[^1]], "--" + name);
            }
        }

        var options = new AdmissionHostOptions();
        string? Text(string name) => values.TryGetValue(name, out var v) && v.Values.Count > 0 ? v.Values[^1] : null;
        string SourceOf(string name) => values.TryGetValue(name, out var v) ? v.Source : name;

        T Parse<T>(string name, T fallback, Func<string, T?> parse, string expected)
            where T : struct
        {
            if (Text(name) is not { } text)
            {
                return fallback;
            }

            if (parse(text) is { } parsed)
            {
                return parsed;
            }

            errors.Add($"{SourceOf(name)}: '{text}' is not {expected}");
            return fallback;
        }

        options = options with
        {
            Bundle = Text("bundle"),
            PolicyPaths = values.TryGetValue("policies", out var policies) ? policies.Values : [],
            Bindings = Text("bindings"),
            VerifyKey = Text("verify-key"),
            Address = Text("address") ?? options.Address,
            Port = Parse("port", options.Port, t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p is > 0 and < 65536 ? p : null, "a port number (1-65535)"),
            TlsCert = Text("tls-cert"),
            TlsKey = Text("tls-key"),
            Insecure = Parse("insecure", false, ParseBool, "true or false"),
            FailureMode = Parse("failure-mode", options.FailureMode, t => t switch { "open" => FailureMode.Open, "closed" => FailureMode.Closed, _ => (FailureMode?)null }, "open or closed"),
            Deadline = Parse("deadline", options.Deadline, ParseDuration, "a duration (250ms, 2s)"),
            ExcludeNamespaces = values.TryGetValue("exclude-namespaces", out var excluded) ? excluded.Values : options.ExcludeNamespaces,
            OwnNamespace = Text("namespace"),
            MaxBodyBytes = Parse("max-body-bytes", options.MaxBodyBytes, t => long.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var b) && b > 0 ? b : null, "a positive number of bytes"),
            MaxConcurrency = Parse("max-concurrency", options.MaxConcurrency, t => int.TryParse(t, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : null, "a positive number"),
            ReloadInterval = Parse("reload-interval", options.ReloadInterval, ParseDuration, "a duration (500ms, 5s)"),
            LogLevel = Parse("log-level", options.LogLevel, ParseLevel, "a log level (trace, debug, information, warning, error, none)"),
            DecisionLogLevel = Parse("decision-log-level", options.DecisionLogLevel, ParseLevel, "a log level (trace, debug, information, warning, error, none)"),
        };

        if ((options.Bundle is null) == (options.PolicyPaths.Count == 0))
        {
            errors.Add("give either a bundle (--bundle FILE) or policy sources (-p DIR), not both and not neither");
        }

        if (options.Insecure && (options.TlsCert is not null || options.TlsKey is not null))
        {
            errors.Add("--insecure serves plain HTTP: leave out --tls-cert and --tls-key");
        }
        else if (!options.Insecure && (options.TlsCert is null || options.TlsKey is null))
        {
            errors.Add("HTTPS needs --tls-cert FILE and --tls-key FILE (plain HTTP only with --insecure, for tests)");
        }

        if (options.Deadline <= TimeSpan.Zero)
        {
            errors.Add($"{SourceOf("deadline")}: the deadline must be positive");
        }

        return options;
    }

    /// <summary>Parses <c>250ms</c>, <c>2s</c>, <c>1m</c> or a bare number of milliseconds.</summary>
    public static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        (string Number, double Scale) split =
            text.EndsWith("ms", StringComparison.Ordinal) ? (text[..^2], 1)
            : text.EndsWith('s') ? (text[..^1], 1000)
            : text.EndsWith('m') ? (text[..^1], 60_000)
            : (text, 1);
        return double.TryParse(split.Number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 && double.IsFinite(value)
            ? TimeSpan.FromMilliseconds(value * split.Scale)
            : null;
    }

    private static bool? ParseBool(string text) => text.Trim().ToLowerInvariant() switch
    {
        "true" or "1" or "yes" => true,
        "false" or "0" or "no" => false,
        _ => null,
    };

    private static LogLevel? ParseLevel(string text) =>
        Enum.TryParse<LogLevel>(text.Trim() is "info" ? "Information" : text.Trim() is "warn" ? "Warning" : text.Trim(), ignoreCase: true, out var level) && Enum.IsDefined(level) ? level : null;

    private static string[] SplitList(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static void ReadConfigFile(string path, Dictionary<string, (IReadOnlyList<string> Values, string Source)> values, List<string> errors)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            errors.Add($"{path}: cannot read the config file: {e.Message}");
            return;
        }

        var documents = new DocumentReader().ReadText(text, path).ToList();
        if (documents.FirstOrDefault(d => d.IsError)?.Message is { } message)
        {
            errors.Add(message.ToString());
            return;
        }

        if (documents.Count == 0 || documents[0].Root is DocScalar { IsNull: true })
        {
            return;
        }

        if (documents.Count != 1 || documents[0].Root is not DocMap root)
        {
            errors.Add($"{path}: the config file must be one map of setting names to values");
            return;
        }

        foreach (var entry in root.Entries)
        {
            var at = $"{path}:{entry.KeyLine}:{entry.KeyColumn}";
            if (!Names.Contains(entry.Key, StringComparer.Ordinal) || entry.Key == "config")
            {
                errors.Add($"{at}: unknown setting '{entry.Key}'{Bundles.Suggestions.DidYouMean(entry.Key, Names.Where(n => n != "config"))}");
                continue;
            }

            switch (entry.Value)
            {
                case DocScalar { IsNull: true }:
                    break;
                case DocScalar scalar:
                    values[entry.Key] = (ListNames.Contains(entry.Key) ? SplitList(scalar.Text) : [scalar.Text], at);
                    break;
                case DocList list when ListNames.Contains(entry.Key) && list.Items.All(i => i is DocScalar):
                    values[entry.Key] = (list.Items.Cast<DocScalar>().Select(s => s.Text).ToArray(), at);
                    break;
                default:
                    errors.Add($"{at}: '{entry.Key}' must be {(ListNames.Contains(entry.Key) ? "a list of strings" : "a single value")}");
                    break;
            }
        }
    }
}
