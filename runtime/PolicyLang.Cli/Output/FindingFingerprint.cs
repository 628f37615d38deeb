// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// A finding's identity across runs, for code scanning to match alerts (SARIF <c>partialFingerprints</c>): a hash of
/// the rule id, the file, the object (apiVersion, kind, namespace, name; the document index only for subjects
/// without a name), the JSON pointer of the field and the message — never line numbers, so edits elsewhere in a
/// file do not turn an alert into a new one. Equal hashes within a run are told apart by an occurrence number.
/// </summary>
internal sealed class FindingFingerprint
{
    /// <summary>The <c>partialFingerprints</c> key (versioned: a change of recipe must not pretend to match).</summary>
    public const string Key = "policylangFinding/v1";

    private readonly Dictionary<string, int> _seen = new(StringComparer.Ordinal);

    public string Next(Finding finding, SubjectInfo subject, string uri)
    {
        var identity = new StringBuilder()
            .Append(finding.Id).Append('\n')
            .Append(uri).Append('\n')
            .Append(subject.Kind).Append('\n')
            .Append(subject.ApiVersion).Append('\n')
            .Append(subject.ObjectKind).Append('\n')
            .Append(subject.Namespace).Append('\n')
            .Append(subject.Name ?? "#" + subject.Document.ToString(CultureInfo.InvariantCulture)).Append('\n')
            .Append(finding.Path).Append('\n')
            .Append(finding.Message);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity.ToString())).AsSpan(0, 16));
        var occurrence = _seen[hash] = _seen.GetValueOrDefault(hash) + 1;
        return hash + ":" + occurrence.ToString(CultureInfo.InvariantCulture);
    }
}
