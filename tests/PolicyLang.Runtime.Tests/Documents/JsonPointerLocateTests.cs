// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Documents;

namespace PolicyLang.Runtime.Tests.Documents;

/// <summary>
/// <see cref="JsonPointer.Locate"/> reads a pointer's tokens in place; it must find exactly what resolving the tokens
/// of <see cref="JsonPointer.Split"/> one after another finds (the definition, kept below), on generated documents and
/// pointers: escaped keys, empty and odd tokens, indexes out of range or malformed, large maps, duplicate keys.
/// </summary>
public sealed class JsonPointerLocateTests
{
    private static readonly string[] KeyPool = ["spec", "containers", "a/b", "x~y", "~", "/", "~1", "~0", "", "0", "01", "image", "name", "k"];

    public static TheoryData<int> Seeds() => [.. Enumerable.Range(0, 30)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Locates_what_resolving_the_split_tokens_locates(int seed)
    {
        var random = new Random(seed);
        for (var round = 0; round < 40; round++)
        {
            var line = 1;
            var root = Node(random, depth: 0, ref line);
            var pointers = Pointers(root, random).ToList();
            foreach (var pointer in pointers)
            {
                var actual = JsonPointer.Locate(root, pointer, out var exact);
                var expected = Reference(root, pointer, out var expectedExact);
                (actual, exact).ShouldBe((expected, expectedExact), $"pointer \"{pointer}\"");
            }
        }
    }

    [Theory]
    [InlineData("", 1, 1, true)]
    [InlineData("/", 1, 1, false)]
    [InlineData("//a", 2, 3, true)]
    [InlineData("/a", 2, 3, true)]
    [InlineData("/a/", 2, 3, false)]
    [InlineData("/a~1b", 3, 3, true)]
    [InlineData("/x~0y", 4, 3, true)]
    [InlineData("/list/1", 6, 5, true)]
    [InlineData("/list/01", 6, 5, true)]
    [InlineData("/list/+1", 5, 3, false)]
    [InlineData("/list/-1", 5, 3, false)]
    [InlineData("/list/2", 5, 3, false)]
    [InlineData("/list/99999999999", 5, 3, false)]
    [InlineData("/list/1/x", 6, 5, false)]
    [InlineData("/dup", 8, 3, true)]
    public void Known_pointers(string pointer, int line, int column, bool exact)
    {
        DocMap root = new(
            [
                new("a", Scalar(2, 6), 2, 3),
                new("a/b", Scalar(3, 6), 3, 3),
                new("x~y", Scalar(4, 6), 4, 3),
                new("list", new DocList([Scalar(6, 5), Scalar(6, 5)], 5, 9), 5, 3),
                new("dup", Scalar(7, 6), 7, 3),
                new("dup", Scalar(8, 6), 8, 3),
            ],
            1,
            1);
        JsonPointer.Locate(root, pointer, out var found).ShouldBe((line, column));
        found.ShouldBe(exact);
        Reference(root, pointer, out var referenceExact).ShouldBe((line, column));
        referenceExact.ShouldBe(exact);
    }

    [Fact]
    public void Large_maps_and_duplicate_keys_in_them_resolve_as_the_index_does()
    {
        var entries = Enumerable.Range(0, 40).Select(i => new DocEntry("k" + (i % 30).ToString(CultureInfo.InvariantCulture), Scalar(i + 2, 5), i + 2, 3)).ToList();
        var root = new DocMap(entries, 1, 1);
        for (var i = 0; i < 32; i++)
        {
            var pointer = "/k" + i.ToString(CultureInfo.InvariantCulture);
            JsonPointer.Locate(root, pointer, out var exact).ShouldBe(Reference(root, pointer, out var expectedExact));
            exact.ShouldBe(expectedExact);
        }
    }

    /// <summary>The definition: resolve the unescaped tokens of <see cref="JsonPointer.Split"/> one after another.</summary>
    private static (int Line, int Column) Reference(DocNode root, string pointer, out bool exact)
    {
        var current = root;
        var line = root.Line;
        var column = root.Column;
        exact = true;
        foreach (var token in JsonPointer.Split(pointer))
        {
            if (current is DocMap map && map.TryGetEntry(token, out var entry))
            {
                current = entry.Value;
                line = entry.KeyLine;
                column = entry.KeyColumn;
            }
            else if (current is DocList list && int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < list.Count)
            {
                current = list[index];
                line = current.Line;
                column = current.Column;
            }
            else
            {
                exact = false;
                break;
            }
        }

        return (line, column);
    }

    private static DocScalar Scalar(int line, int column) => new(DocNodeKind.String, "v", line, column);

    private static DocNode Node(Random random, int depth, ref int line)
    {
        var here = line++;
        var column = depth * 2 + 1;
        switch (depth >= 4 ? 0 : random.Next(3))
        {
            case 1:
                var count = random.Next(0, random.Next(8) == 0 ? 24 : 6);
                var entries = new List<DocEntry>();
                for (var i = 0; i < count; i++)
                {
                    // Now and then a key twice: the readers reject that, but a map built by hand keeps the last.
                    var key = random.Next(3) == 0 ? KeyPool[random.Next(KeyPool.Length)] : "f" + random.Next(30).ToString(CultureInfo.InvariantCulture);
                    var keyLine = line;
                    entries.Add(new DocEntry(key, Node(random, depth + 1, ref line), keyLine, column + 2));
                }

                return new DocMap(entries, here, column);
            case 2:
                var items = new List<DocNode>();
                var length = random.Next(0, 5);
                for (var i = 0; i < length; i++)
                {
                    items.Add(Node(random, depth + 1, ref line));
                }

                return new DocList(items, here, column);
            default:
                return new DocScalar(DocNodeKind.String, "s", here, column);
        }
    }

    /// <summary>Pointers to existing nodes (escaped as they should be), and mutations of them.</summary>
    private static IEnumerable<string> Pointers(DocNode root, Random random)
    {
        var paths = new List<string> { string.Empty };
        Collect(root, string.Empty, paths);
        foreach (var path in paths)
        {
            yield return path;
            yield return Mutate(path, random);
        }

        string[] odd = ["/", "//", "///x", "/~", "/~2", "/~01", "/0/", "/+0", "/-0", "/ 1", "/1 ", "/٣", "/2147483648", "/00000000000000000001"];
        foreach (var pointer in odd)
        {
            yield return pointer;
            yield return paths[random.Next(paths.Count)] + pointer;
        }
    }

    private static void Collect(DocNode node, string pointer, List<string> paths)
    {
        switch (node)
        {
            case DocMap map:
                foreach (var entry in map.Entries)
                {
                    var child = JsonPointer.Append(pointer, entry.Key);
                    paths.Add(child);
                    Collect(entry.Value, child, paths);
                }

                break;
            case DocList list:
                for (var i = 0; i < list.Count; i++)
                {
                    var child = JsonPointer.Append(pointer, i);
                    paths.Add(child);
                    Collect(list[i], child, paths);
                }

                break;
        }
    }

    private static string Mutate(string pointer, Random random) => random.Next(6) switch
    {
        0 => pointer + "/missing",
        1 => pointer.Replace("~1", "/", StringComparison.Ordinal),
        2 => "/" + pointer,
        3 => pointer + "/",
        4 => pointer.Length > 1 ? pointer[..^1] : pointer + "0",
        _ => pointer + "/0" + random.Next(3).ToString(CultureInfo.InvariantCulture),
    };
}
