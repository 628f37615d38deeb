// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Findings;

/// <summary>One result of one rule on one subject.</summary>
public sealed record Finding
{
    /// <summary>The policy (package) that holds the rule.</summary>
    public required string Policy { get; init; }

    /// <summary>The rule's name within its package.</summary>
    public required string Rule { get; init; }

    /// <summary>The rule's stable id (from <c>@id</c>, else <c>package.rule</c>).</summary>
    public required string Id { get; init; }

    public required Severity Severity { get; init; }

    public required FindingAction Action { get; init; }

    public required string Message { get; init; }

    /// <summary>JSON pointer of the offending field within the subject's document, e.g. <c>/spec/containers/0/securityContext/privileged</c>.</summary>
    public string? Path { get; init; }

    /// <summary>
    /// Where the offending field (or its nearest existing ancestor) is in the input file. A finding reported by a rule
    /// finds it in the subject's document when first read (see <see cref="Deferred"/>), so a host that never asks
    /// pays nothing for it.
    /// </summary>
    public SourceLocation? Location
    {
        get
        {
            // Acquire: a reader that sees no pending lookup sees the location the resolving thread stored before.
            var pending = Volatile.Read(ref _pending);
            if (pending is null)
            {
                return _location;
            }

            var location = pending.Resolve(Path);
            _location = location;
            Volatile.Write(ref _pending, null); // also lets the document go
            return location;
        }

        init
        {
            _location = value;
            _pending = null;
        }
    }

    /// <summary>Set when an exception applied: the finding is reported as skipped, with this reason.</summary>
    public string? SkippedReason { get; init; }

    /// <summary>For mutate findings: the JSON patch operation(s) it contributes.</summary>
    public IReadOnlyList<PatchOperation>? Patch { get; init; }

    public bool IsSkipped => SkippedReason is not null;

    /// <summary>
    /// Where <see cref="Location"/> is to be found, for an evaluation context that reports the finding: the document
    /// and the file the subject came from. The lookup runs once, when the location is first read, and gives what
    /// looking it up at report time would have given (documents are immutable); until then the finding keeps the
    /// document alive.
    /// </summary>
    internal DeferredLocation? Deferred
    {
        init => _pending = value;
    }

    // The location's two states: looked up (or given), or still to look up. Both are compared through Location.
    private SourceLocation? _location;
    private DeferredLocation? _pending;

    /// <summary>Value equality over the public members, whether or not the location was looked up yet.</summary>
    public bool Equals(Finding? other) =>
        ReferenceEquals(this, other)
        || (other is not null
            && Policy == other.Policy && Rule == other.Rule && Id == other.Id && Severity == other.Severity && Action == other.Action
            && Message == other.Message && Path == other.Path && SkippedReason == other.SkippedReason
            && EqualityComparer<IReadOnlyList<PatchOperation>?>.Default.Equals(Patch, other.Patch)
            && EqualityComparer<SourceLocation?>.Default.Equals(Location, other.Location));

    public override int GetHashCode() =>
        HashCode.Combine(Policy, Rule, Id, Severity, Action, Message, Path, HashCode.Combine(SkippedReason, Patch, Location));
}

/// <summary>The document and file a finding's location is looked up in (see <see cref="Finding.Deferred"/>); one serves all the findings of a subject.</summary>
internal sealed class DeferredLocation
{
    /// <param name="root">The subject's document, or null when there is none (findings are then placed at <paramref name="documentLine"/>).</param>
    /// <param name="file">The file findings are attributed to.</param>
    /// <param name="documentLine">The line where the subject's document starts (0: unknown).</param>
    public DeferredLocation(DocNode? root, string file, int documentLine)
    {
        Root = root;
        File = file;
        DocumentLine = documentLine;
    }

    public DocNode? Root { get; }

    public string File { get; }

    public int DocumentLine { get; }

    /// <summary>The location of a path: the node, or its nearest existing ancestor; the document's line without a document.</summary>
    public SourceLocation? Resolve(string? path)
    {
        if (Root is null)
        {
            return DocumentLine > 0 ? new SourceLocation(File, DocumentLine, 1) : null;
        }

        var (line, column) = JsonPointer.Locate(Root, path ?? string.Empty, out _);
        return line > 0 ? new SourceLocation(File, line, column) : null;
    }
}

/// <summary>One RFC 6902 JSON patch operation produced by a mutate rule.</summary>
public sealed record PatchOperation(string Op, string Path, object? Value);
