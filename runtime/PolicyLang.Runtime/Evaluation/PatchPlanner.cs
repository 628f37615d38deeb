// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Turns a mutate statement into RFC 6902 operations that apply to the subject's document as it stands after the
/// earlier mutations of the same evaluation: missing parent objects are added first (an <c>add</c> whose parent is
/// missing fails the whole patch), an existing member or list element is replaced rather than added (an <c>add</c> at
/// a list index would insert), and removing a field that is not there is no operation at all (it would fail the patch).
/// The statement's own operation is always the last one returned.
/// </summary>
public sealed class PatchPlanner
{
    // Paths that earlier mutations of this evaluation created (true) or removed (false), per document.
    private readonly Dictionary<(DocNode Root, string Path), bool> _changes = [];

    /// <summary>Forgets the earlier mutations (a new subject).</summary>
    public void Reset() => _changes.Clear();

    /// <summary>The operations for setting <paramref name="path"/> to <paramref name="value"/> in <paramref name="root"/>.</summary>
    public IReadOnlyList<PatchOperation> Set(DocNode? root, string path, object? value)
    {
        var tokens = JsonPointer.Split(path);
        var operations = new List<PatchOperation>();
        var prefix = string.Empty;
        for (var i = 0; i < tokens.Count - 1; i++)
        {
            prefix = JsonPointer.Append(prefix, tokens[i]);
            if (Exists(root, prefix))
            {
                continue;
            }

            // A missing parent: an empty object, or an empty list when the next step is the first element.
            var next = tokens[i + 1];
            object parent = next is "0" or "-" ? new List<object?>() : new Dictionary<string, object?>(StringComparer.Ordinal);
            operations.Add(new PatchOperation("add", prefix, parent));
            Record(root, prefix, created: true);
        }

        operations.Add(new PatchOperation(tokens.Count > 0 && Exists(root, path) ? "replace" : "add", path, value));
        Record(root, path, created: true);
        return operations;
    }

    /// <summary>The operations for removing <paramref name="path"/>: none when it is not there.</summary>
    public IReadOnlyList<PatchOperation> Remove(DocNode? root, string path)
    {
        if (path.Length == 0 || !Exists(root, path))
        {
            return [];
        }

        Record(root, path, created: false);
        return [new PatchOperation("remove", path, null)];
    }

    private void Record(DocNode? root, string path, bool created)
    {
        if (root is null)
        {
            return;
        }

        // Whatever was recorded below a removed or replaced path no longer holds.
        foreach (var key in _changes.Keys.Where(k => ReferenceEquals(k.Root, root) && k.Path.StartsWith(path + "/", StringComparison.Ordinal)).ToArray())
        {
            _changes.Remove(key);
        }

        _changes[(root, path)] = created;
    }

    private bool Exists(DocNode? root, string path)
    {
        if (root is null)
        {
            // No document to look at: assume the path is there, so nothing is created on a guess.
            return true;
        }

        // The nearest change on the path or above it decides; otherwise the original document does.
        for (var at = path; at.Length > 0; at = at[..at.LastIndexOf('/')])
        {
            if (_changes.TryGetValue((root, at), out var created))
            {
                // Below a path set or removed earlier nothing is known to exist (what was there went with it).
                return created && at == path;
            }
        }

        return Lookup(root, path) is not null;
    }

    private static DocNode? Lookup(DocNode root, string path)
    {
        var node = root;
        foreach (var token in JsonPointer.Split(path))
        {
            node = node switch
            {
                DocMap map => map[token],
                DocList list when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count => list[index],
                _ => null,
            };
            if (node is null)
            {
                return null;
            }
        }

        return node;
    }
}
