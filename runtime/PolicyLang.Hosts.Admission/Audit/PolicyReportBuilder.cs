// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text.Json.Nodes;

namespace PolicyLang.Hosts.Admission.Audit;

/// <summary>
/// Builds <c>wgpolicyk8s.io/v1alpha2</c> reports from an audit: a PolicyReport per namespace and one
/// ClusterPolicyReport for cluster-scoped objects, each with a summary of every result and the results themselves
/// (fail, warn, error, skip; passes are counted in the summary), in a stable order.
/// </summary>
public static class PolicyReportBuilder
{
    public const string Group = "wgpolicyk8s.io";

    public const string Version = "v1alpha2";

    public const string ApiVersion = Group + "/" + Version;

    /// <summary>The annotation that says how many results were left out of a full report.</summary>
    public const string OmittedAnnotation = "policylang.io/results-omitted";

    /// <summary>The report for one namespace, or the cluster report when <paramref name="ns"/> is empty.</summary>
    public static JsonObject Build(string ns, NamespaceAudit audit, AuditOptions options, DateTimeOffset timestamp)
    {
        var cluster = ns.Length == 0;
        var metadata = new JsonObject
        {
            ["name"] = options.ReportName,
            ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "policylang" },
        };
        if (!cluster)
        {
            metadata["namespace"] = ns;
        }

        var ordered = audit.Entries
            .OrderBy(e => Rank(e.Result))
            .ThenBy(e => e.Object.Kind, StringComparer.Ordinal)
            .ThenBy(e => e.Object.Name, StringComparer.Ordinal)
            .ThenBy(e => e.Rule, StringComparer.Ordinal)
            .ThenBy(e => e.Properties.GetValueOrDefault("path"), StringComparer.Ordinal)
            .ThenBy(e => e.Message, StringComparer.Ordinal)
            .ToList();
        var kept = ordered.Take(options.MaxResultsPerReport).ToList();
        if (kept.Count < ordered.Count)
        {
            metadata["annotations"] = new JsonObject { [OmittedAnnotation] = (ordered.Count - kept.Count).ToString(CultureInfo.InvariantCulture) };
        }

        var results = new JsonArray();
        foreach (var entry in kept)
        {
            results.Add(Result(entry, timestamp));
        }

        return new JsonObject
        {
            ["apiVersion"] = ApiVersion,
            ["kind"] = cluster ? "ClusterPolicyReport" : "PolicyReport",
            ["metadata"] = metadata,
            ["summary"] = new JsonObject
            {
                ["pass"] = audit.Pass,
                ["fail"] = audit.Count("fail"),
                ["warn"] = audit.Count("warn"),
                ["error"] = audit.Count("error"),
                ["skip"] = audit.Count("skip"),
            },
            ["results"] = results,
        };
    }

    private static JsonObject Result(AuditEntry entry, DateTimeOffset timestamp)
    {
        var resource = new JsonObject
        {
            ["apiVersion"] = entry.Object.ApiVersion,
            ["kind"] = entry.Object.Kind,
            ["name"] = entry.Object.Name,
        };
        if (entry.Object.Namespace is { Length: > 0 } ns)
        {
            resource["namespace"] = ns;
        }

        if (entry.Object.Uid is { } uid)
        {
            resource["uid"] = uid;
        }

        var result = new JsonObject
        {
            ["source"] = "policylang",
            ["policy"] = entry.Policy,
            ["rule"] = entry.Rule,
            ["result"] = entry.Result,
            ["scored"] = true,
            ["message"] = entry.Message,
            ["timestamp"] = new JsonObject { ["seconds"] = timestamp.ToUnixTimeSeconds(), ["nanos"] = 0 },
            ["resources"] = new JsonArray(resource),
        };
        if (entry.Severity is { } severity)
        {
            result["severity"] = severity.ToString().ToLowerInvariant();
        }

        if (entry.Properties.Count > 0)
        {
            result["properties"] = new JsonObject(entry.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, (JsonNode?)p.Value)));
        }

        return result;
    }

    private static int Rank(string result) => result switch
    {
        "fail" => 0,
        "error" => 1,
        "warn" => 2,
        _ => 3,
    };
}
