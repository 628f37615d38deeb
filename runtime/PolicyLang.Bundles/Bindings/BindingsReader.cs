// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Bundles.Bindings;

/// <summary>
/// Reads a bindings file (YAML or JSON):
/// <code>
/// apiVersion: policylang.io/v1
/// kind: Bindings
/// parameters:
///   examples.admission.admin_groups: ["system:masters"]
/// bindings:
///   - policy: kubernetes.pod_security.restricted
///     enforcement: warn
///     match: {namespaces: ["prod-*"]}
///     exclude: {labels: "policylang.io/exempt=true"}
/// </code>
/// Every problem is reported at once, each as <c>file:line:col: message</c>.
/// </summary>
public static class BindingsReader
{
    /// <summary>Reads a bindings file.</summary>
    /// <exception cref="BundleException">The file cannot be read or is not valid bindings.</exception>
    public static PolicyBindings ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleException($"{path}: cannot read the bindings: {e.Message}", e);
        }

        return ReadText(text, path);
    }

    /// <summary>Reads bindings from text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="BundleException">The text is not valid bindings.</exception>
    public static PolicyBindings ReadText(string text, string file)
    {
        var documents = new DocumentReader().ReadText(text, file).ToList();
        var errors = new List<string>();
        if (documents.FirstOrDefault(d => d.IsError)?.Message is { } message)
        {
            throw new BundleException(message.ToString());
        }

        if (documents.Count != 1 || documents[0].Root is not DocMap root)
        {
            throw new BundleException($"{file}: expected one map with apiVersion: policylang.io/v1 and kind: Bindings");
        }

        void Error(DocNode node, string what) => errors.Add($"{file}:{node.Line}:{node.Column}: {what}");

        if ((root["apiVersion"] as DocScalar)?.Text != "policylang.io/v1" || (root["kind"] as DocScalar)?.Text != "Bindings")
        {
            Error(root, "expected apiVersion: policylang.io/v1 and kind: Bindings");
        }

        foreach (var entry in root.Entries.Where(e => e.Key is not ("apiVersion" or "kind" or "parameters" or "bindings")))
        {
            errors.Add($"{file}:{entry.KeyLine}:{entry.KeyColumn}: unknown field '{entry.Key}' (expected parameters or bindings)");
        }

        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        switch (root["parameters"])
        {
            case null or DocScalar { IsNull: true }:
                break;
            case DocMap map:
                foreach (var entry in map.Entries)
                {
                    parameters[entry.Key] = entry.Value switch
                    {
                        DocScalar scalar => scalar.Text,
                        var node => DocJson.ToJsonNode(node)?.ToJsonString() ?? string.Empty,
                    };
                }

                break;
            case var other:
                Error(other, "parameters must be a map of parameter names to values");
                break;
        }

        var bindings = new List<PolicyBinding>();
        switch (root["bindings"])
        {
            case null or DocScalar { IsNull: true }:
                break;
            case DocList list:
                foreach (var item in list.Items)
                {
                    if (ReadBinding(item, file, Error) is { } binding)
                    {
                        bindings.Add(binding);
                    }
                }

                break;
            case var other:
                Error(other, "bindings must be a list");
                break;
        }

        foreach (var duplicate in bindings.GroupBy(b => b.Target, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{duplicate.Last().Origin}: '{duplicate.Key}' is bound twice (first at {duplicate.First().Origin}); merge the two bindings");
        }

        if (errors.Count > 0)
        {
            throw new BundleException(string.Join(Environment.NewLine, errors));
        }

        return new PolicyBindings { Parameters = parameters, Bindings = bindings };
    }

    private static PolicyBinding? ReadBinding(DocNode node, string file, Action<DocNode, string> error)
    {
        if (node is not DocMap map)
        {
            error(node, "a binding must be a map with policy or rule");
            return null;
        }

        foreach (var entry in map.Entries.Where(e => e.Key is not ("policy" or "rule" or "enforcement" or "match" or "exclude")))
        {
            error(entry.Value, $"unknown field '{entry.Key}' in a binding (expected policy, rule, enforcement, match, exclude)");
        }

        var policy = (map["policy"] as DocScalar)?.AsString();
        var rule = (map["rule"] as DocScalar)?.AsString();
        if ((policy is null) == (rule is null))
        {
            error(map, "a binding names exactly one of policy (a package) or rule (a rule id)");
            return null;
        }

        Enforcement? enforcement = null;
        if (map["enforcement"] is { } enforcementNode)
        {
            switch ((enforcementNode as DocScalar)?.AsString())
            {
                case "deny":
                    enforcement = Enforcement.Deny;
                    break;
                case "warn":
                    enforcement = Enforcement.Warn;
                    break;
                case "audit":
                    enforcement = Enforcement.Audit;
                    break;
                default:
                    error(enforcementNode, "enforcement must be deny, warn or audit");
                    break;
            }
        }

        var match = ScopeReader.Read(map["match"], error);
        var exclude = ScopeReader.Read(map["exclude"], error);
        RuleScope? scope = null;
        if (match is not null || exclude is not null)
        {
            var include = match ?? new ScopeReader.ScopeFields();
            var without = exclude ?? new ScopeReader.ScopeFields();
            scope = new RuleScope
            {
                Kinds = include.Kinds,
                Namespaces = include.Namespaces,
                Names = include.Names,
                Labels = include.Labels,
                Operations = include.Operations,
                ExcludeKinds = without.Kinds,
                ExcludeNamespaces = without.Namespaces,
                ExcludeNames = without.Names,
                ExcludeLabels = without.Labels,
                ExcludeOperations = without.Operations,
            };
        }

        return new PolicyBinding { Policy = policy, Rule = rule, Enforcement = enforcement, Scope = scope, Origin = $"{file}:{map.Line}:{map.Column}" };
    }
}
