// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using k8s;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Tests.Adapters;

internal static class AdapterTestHelpers
{
    public static List<DocumentResult> ReadDocuments(string text, string file = "test.yaml", DocumentFormat format = DocumentFormat.Auto, DocumentReaderOptions? options = null) =>
        new DocumentReader(options).ReadText(text, file, format).ToList();

    public static DocNode Single(string text, string file = "test.yaml", DocumentFormat format = DocumentFormat.Auto)
    {
        var documents = ReadDocuments(text, file, format);
        documents.Count.ShouldBe(1, string.Join("; ", documents.Select(d => d.Message?.ToString())));
        documents[0].Message.ShouldBeNull();
        return documents[0].Root.ShouldNotBeNull();
    }

    public static List<InputItem> ReadItems(string text, string file = "test.yaml", SubjectKind? subject = null, DocumentFormat format = DocumentFormat.Auto) =>
        new InputReader(new InputReaderOptions { Subject = subject }).ReadText(text, file, format).ToList();

    /// <summary>The 1-based column of the first <paramref name="token"/> on a 1-based line of <paramref name="text"/>.</summary>
    public static int Column(string text, int line, string token)
    {
        var lineText = text.Split('\n')[line - 1];
        var index = lineText.IndexOf(token, StringComparison.Ordinal);
        index.ShouldBeGreaterThanOrEqualTo(0, $"'{token}' is not on line {line}: {lineText}");
        return index + 1;
    }

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "Adapters", "TestData", name);

    public static DocMap Map(DocNode? node) => node.ShouldBeOfType<DocMap>();

    public static DocList List(DocNode? node) => node.ShouldBeOfType<DocList>();

    public static DocScalar Scalar(DocNode? node) => node.ShouldBeOfType<DocScalar>();

    public static (int Line, int Column) At(DocNode node) => (node.Line, node.Column);

    public static (int Line, int Column) KeyAt(DocMap map, string key)
    {
        map.TryGetEntry(key, out var entry).ShouldBeTrue($"no key '{key}'");
        return (entry.KeyLine, entry.KeyColumn);
    }

    /// <summary>Every node with its kind, text and position, and every key with its position, in document order.</summary>
    public static List<string> DescribeTree(DocNode? root)
    {
        var lines = new List<string>();
        DescribeTree(root, lines);
        return lines;
    }

    /// <summary>As <see cref="DescribeTree(DocNode?)"/>, appended to <paramref name="lines"/>.</summary>
    public static void DescribeTree(DocNode? root, List<string> lines)
    {
        var pending = new Stack<(string Path, DocNode Node)>();
        if (root is not null)
        {
            pending.Push((string.Empty, root));
        }

        while (pending.Count > 0)
        {
            var (path, node) = pending.Pop();
            lines.Add($"{path} {node.Kind} {node.Line}:{node.Column} {(node as DocScalar)?.Text}");
            switch (node)
            {
                case DocMap map:
                    foreach (var entry in map.Entries.Reverse())
                    {
                        lines.Add($"{path}/{entry.Key} key {entry.KeyLine}:{entry.KeyColumn}");
                        pending.Push((path + "/" + entry.Key, entry.Value));
                    }

                    break;
                case DocList list:
                    for (var i = list.Items.Count - 1; i >= 0; i--)
                    {
                        pending.Push((path + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), list.Items[i]));
                    }

                    break;
            }
        }
    }

    /// <summary>Everything observable of the items read from a text: messages, subjects, trees, bound models or their errors.</summary>
    public static List<string> Outcome(IEnumerable<InputItem> items)
    {
        var lines = new List<string>();
        foreach (var item in items)
        {
            lines.Add($"{item.Kind} {item.Source} {item.Message}");
            if (item.Manifest is { } manifest)
            {
                Describe(manifest, lines);
            }

            if (item.Admission is { } admission)
            {
                lines.Add($"{admission.Uid} {admission.Operation} {admission.UserInfo?.Username} {string.Join(",", admission.UserInfo?.Groups ?? [])}");
                DescribeTree(admission.Root, lines);
                if (admission.Object is { } obj)
                {
                    Describe(obj, lines);
                }

                if (admission.OldObject is { } old)
                {
                    Describe(old, lines);
                }
            }
        }

        return lines;
    }

    public static void Describe(ManifestSubject manifest, List<string> lines)
    {
        lines.Add($"{manifest.ApiVersion} {manifest.Kind} {manifest.Name} {manifest.Namespace}");
        lines.Add(Bound(() => manifest.Metadata));
        lines.Add(Bound(() => Workload.From(manifest) is { } w ? new { w.Metadata, w.Spec, Paths = string.Join(",", w.AllContainerPaths) } : null));
        lines.Add(Bound(() => manifest.As<k8s.Models.V1Pod>()));
        DescribeTree(manifest.Root, lines);
    }

    public static string Bound(Func<object?> bind)
    {
        try
        {
            return KubernetesJson.Serialize(bind() ?? "none");
        }
        catch (SubjectConversionException e)
        {
            return $"error {e.Path} {e.Message}";
        }
    }
}
