// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Collections.Immutable;
using PolicyLang.LanguageServer.Utils;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// An immutable view of every document the server knows (open buffers over files read from the workspace
/// folders), and which documents compile together.
/// <para>
/// A document compiles with its package — the files of the same package in the same directory — and, transitively,
/// the packages its files import. An imported package is looked up among all documents; when several directories
/// declare it, the one nearest the importer wins. This is what <c>policylang check</c> sees when given those files,
/// and it keeps unrelated copies (test fixtures, build output) from clashing.
/// </para>
/// </summary>
public sealed class WorkspaceSnapshot
{
    private readonly Lazy<ILookup<string, PolicyDocument>> _byPackage;
    private readonly ConcurrentDictionary<string, IReadOnlyList<PolicyDocument>> _closures = new(StringComparer.Ordinal);

    public WorkspaceSnapshot(ImmutableDictionary<string, PolicyDocument> documents, ImmutableArray<string> folders)
    {
        Documents = documents;
        Folders = folders;
        _byPackage = new Lazy<ILookup<string, PolicyDocument>>(() => Documents.Values.ToLookup(d => d.Tree.PackageName, StringComparer.Ordinal));
    }

    public static WorkspaceSnapshot Empty { get; } = new(ImmutableDictionary.Create<string, PolicyDocument>(StringComparer.Ordinal), []);

    /// <summary>Documents by path.</summary>
    public ImmutableDictionary<string, PolicyDocument> Documents { get; }

    /// <summary>The workspace folders (full paths) whose .policy files the server reads.</summary>
    public ImmutableArray<string> Folders { get; }

    public IEnumerable<PolicyDocument> OpenDocuments => Documents.Values.Where(d => d.IsOpen);

    public PolicyDocument? Find(string uri) => Documents.GetValueOrDefault(DocumentUri.ToPath(uri));

    public WorkspaceSnapshot With(PolicyDocument document) => new(Documents.SetItem(document.Path, document), Folders);

    public WorkspaceSnapshot Without(string path) => new(Documents.Remove(path), Folders);

    public WorkspaceSnapshot WithFolders(ImmutableArray<string> folders) => new(Documents, folders);

    /// <summary>The files of the document's package in its directory (the document included).</summary>
    public IReadOnlyList<PolicyDocument> GroupOf(PolicyDocument document) =>
        _byPackage.Value[document.Tree.PackageName].Where(d => d.Directory == document.Directory).OrderBy(d => d.Path, StringComparer.Ordinal).ToArray();

    /// <summary>The documents that compile with this one: its package and, transitively, what it imports.</summary>
    public IReadOnlyList<PolicyDocument> ClosureOf(PolicyDocument document) => _closures.GetOrAdd(document.Path, _ => ComputeClosure(document));

    /// <summary>
    /// The documents that can refer to the document's declarations — its package and every package importing it,
    /// transitively — with everything those compile with: the scope of references and rename.
    /// </summary>
    public IReadOnlyList<PolicyDocument> DependentsClosureOf(PolicyDocument document)
    {
        var group = GroupOf(document).Select(d => d.Path).ToHashSet(StringComparer.Ordinal);
        var result = new SortedDictionary<string, PolicyDocument>(StringComparer.Ordinal);
        foreach (var candidate in Documents.Values)
        {
            var closure = ClosureOf(candidate);
            if (closure.Any(d => group.Contains(d.Path)))
            {
                foreach (var member in closure)
                {
                    result[member.Path] = member;
                }
            }
        }

        return [.. result.Values];
    }

    /// <summary>The open documents whose compilation includes any of the given paths.</summary>
    public IEnumerable<PolicyDocument> OpenDocumentsDependingOn(IReadOnlyCollection<string> paths) =>
        OpenDocuments.Where(d => paths.Contains(d.Path) || ClosureOf(d).Any(member => paths.Contains(member.Path)));

    /// <summary>Every package name declared in the workspace.</summary>
    public IEnumerable<string> PackageNames => _byPackage.Value.Select(g => g.Key);

    /// <summary>The documents declaring a package, nearest the directory first.</summary>
    public IReadOnlyList<PolicyDocument> PackageDocuments(string package, string nearDirectory) => ResolvePackage(package, nearDirectory);

    private List<PolicyDocument> ComputeClosure(PolicyDocument document)
    {
        var result = new List<PolicyDocument>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Queue<IReadOnlyList<PolicyDocument>>();
        pending.Enqueue(GroupOf(document));
        while (pending.Count > 0)
        {
            var group = pending.Dequeue();
            if (group.Count == 0 || !seen.Add(group[0].Path))
            {
                continue;
            }

            result.AddRange(group);
            foreach (var import in group.SelectMany(d => d.Tree.Root.Imports))
            {
                var imported = ResolvePackage(import.Name.Text, group[0].Directory);
                if (imported.Count > 0)
                {
                    pending.Enqueue(imported);
                }
            }
        }

        return result;
    }

    private List<PolicyDocument> ResolvePackage(string package, string fromDirectory)
    {
        var directories = _byPackage.Value[package].GroupBy(d => d.Directory, StringComparer.Ordinal).ToArray();
        if (directories.Length == 0)
        {
            return [];
        }

        var nearest = directories
            .OrderByDescending(g => CommonPrefixLength(g.Key, fromDirectory))
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .First();
        return [.. nearest.OrderBy(d => d.Path, StringComparer.Ordinal)];
    }

    private static int CommonPrefixLength(string a, string b)
    {
        var length = 0;
        var parts = Math.Min(a.Length, b.Length);
        for (var i = 0; i < parts && a[i] == b[i]; i++)
        {
            if (a[i] == System.IO.Path.DirectorySeparatorChar)
            {
                length = i;
            }

            if (i == parts - 1)
            {
                length = i + 1;
            }
        }

        return length;
    }
}
