// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Scopes;

namespace PolicyLang.Bundles.Exceptions;

/// <summary>
/// Reads an exceptions file (YAML or JSON):
/// <code>
/// apiVersion: policylang.io/v1
/// kind: Exceptions
/// exceptions:
///   - rules: [PSS-R-002, BP-004]        # ids, package.rule names or packages; or rule: PSS-R-002
///     match:                            # optional: kinds, namespaces, names (globs), labels
///       kinds: [Deployment]
///       namespaces: [legacy-*]
///       labels: {team: billing}
///     reason: Legacy billing service; hardening tracked in SEC-123
///     expires: 2026-03-31               # optional: a date (applies through that day, UTC) or an RFC 3339 time
/// </code>
/// Every problem is reported at once, each as <c>file:line:col: message</c>.
/// </summary>
public static class ExceptionsReader
{
    private static readonly string[] MatchFields = ["kinds", "namespaces", "names", "labels"];

    /// <summary>Reads an exceptions file.</summary>
    /// <exception cref="BundleException">The file cannot be read or is not a valid exceptions file.</exception>
    public static IReadOnlyList<PolicyException> ReadFile(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BundleException($"{path}: cannot read the exceptions: {e.Message}", e);
        }

        return ReadText(text, path);
    }

    /// <summary>Reads exceptions from text; <paramref name="file"/> names it in messages.</summary>
    /// <exception cref="BundleException">The text is not a valid exceptions file.</exception>
    public static IReadOnlyList<PolicyException> ReadText(string text, string file)
    {
        var documents = new DocumentReader().ReadText(text, file).ToList();
        if (documents.FirstOrDefault(d => d.IsError)?.Message is { } message)
        {
            throw new BundleException(message.ToString());
        }

        if (documents.Count != 1 || documents[0].Root is not DocMap root)
        {
            throw new BundleException($"{file}: expected one map with apiVersion: policylang.io/v1 and kind: Exceptions");
        }

        var errors = new List<string>();
        void Error(DocNode node, string what) => errors.Add($"{file}:{node.Line}:{node.Column}: {what}");

        if ((root["apiVersion"] as DocScalar)?.Text != "policylang.io/v1" || (root["kind"] as DocScalar)?.Text != "Exceptions")
        {
            Error(root, "expected apiVersion: policylang.io/v1 and kind: Exceptions");
        }

        foreach (var entry in root.Entries.Where(e => e.Key is not ("apiVersion" or "kind" or "exceptions")))
        {
            errors.Add($"{file}:{entry.KeyLine}:{entry.KeyColumn}: unknown field '{entry.Key}' (expected exceptions)");
        }

        var exceptions = new List<PolicyException>();
        switch (root["exceptions"])
        {
            case null or DocScalar { IsNull: true }:
                break;
            case DocList list:
                foreach (var item in list.Items)
                {
                    if (ReadException(item, file, Error) is { } exception)
                    {
                        exceptions.Add(exception);
                    }
                }

                break;
            case var other:
                Error(other, "exceptions must be a list");
                break;
        }

        if (errors.Count > 0)
        {
            throw new BundleException(string.Join(Environment.NewLine, errors));
        }

        return exceptions;
    }

    private static PolicyException? ReadException(DocNode node, string file, Action<DocNode, string> error)
    {
        if (node is not DocMap map)
        {
            error(node, "an exception must be a map with rule (or rules), reason and optionally match and expires");
            return null;
        }

        var valid = true;
        foreach (var entry in map.Entries.Where(e => e.Key is not ("rule" or "rules" or "match" or "reason" or "expires")))
        {
            error(entry.Value, $"unknown field '{entry.Key}' in an exception (expected rule, rules, match, reason, expires)");
            valid = false;
        }

        var rules = new List<string>();
        var ruleLocations = new List<SourceLocation?>();
        void AddRule(DocNode value)
        {
            if (value is DocScalar { IsNull: false } scalar && scalar.Text.Trim().Length > 0)
            {
                rules.Add(scalar.Text.Trim());
                ruleLocations.Add(new SourceLocation(file, scalar.Line, scalar.Column));
            }
            else
            {
                error(value, "a rule must be a rule id, a package.rule name or a package");
                valid = false;
            }
        }

        if (map["rule"] is { } one)
        {
            AddRule(one);
        }

        switch (map["rules"])
        {
            case null:
                break;
            case DocList list:
                foreach (var item in list.Items)
                {
                    AddRule(item);
                }

                break;
            case var other:
                error(other, "rules must be a list of rule ids");
                valid = false;
                break;
        }

        if (rules.Count == 0 && valid)
        {
            error(map, "an exception names the rules it covers: rule: <id> or rules: [<id>, …]");
            valid = false;
        }

        var reason = (map["reason"] as DocScalar) is { IsNull: false } reasonNode ? reasonNode.Text.Trim() : null;
        if (string.IsNullOrEmpty(reason))
        {
            error(map["reason"] ?? map, "an exception needs a reason: say why the rules do not apply here");
            valid = false;
        }

        DateTimeOffset? expiresAt = null;
        string? expiresText = null;
        if (map["expires"] is { } expires)
        {
            expiresText = (expires as DocScalar)?.Text.Trim();
            expiresAt = ParseExpiry(expiresText);
            if (expiresAt is null)
            {
                error(expires, $"expires must be a date (2026-03-31) or an RFC 3339 time (2026-03-31T18:00:00Z), not '{expiresText}'");
                valid = false;
            }
        }

        var match = RuleScope.Everything;
        var before = valid;
        var fields = ScopeReader.Read(map["match"], (n, m) =>
        {
            error(n, m);
            valid = false;
        }, MatchFields);
        if (fields is not null && before == valid)
        {
            match = new RuleScope { Kinds = fields.Kinds, Namespaces = fields.Namespaces, Names = fields.Names, Labels = fields.Labels };
        }

        return valid && reason is not null
            ? new PolicyException
            {
                Rules = rules,
                RuleLocations = ruleLocations,
                Match = match,
                Reason = reason,
                ExpiresAt = expiresAt,
                ExpiresText = expiresText,
                Location = new SourceLocation(file, map.Line, map.Column),
            }
            : null;
    }

    /// <summary>A date is the end of that day (UTC): the exception applies through it. A time is the instant itself.</summary>
    private static DateTimeOffset? ParseExpiry(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        return text.Contains('T', StringComparison.OrdinalIgnoreCase)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time
            : null;
    }
}
