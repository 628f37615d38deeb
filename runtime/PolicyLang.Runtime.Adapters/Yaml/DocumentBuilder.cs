// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using PolicyLang.Runtime.Adapters.Text;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace PolicyLang.Runtime.Adapters.Yaml;

/// <summary>
/// Turns the parser events of one chunk into document trees with file positions, iteratively (an explicit stack,
/// no recursion), enforcing the reader's limits. Every failure becomes an error result; nothing escapes.
/// </summary>
internal sealed class DocumentBuilder
{
    private const string HelmSourcePrefix = "Source:";

    private readonly string _file;
    private readonly DocumentReaderOptions _options;

    /// <summary>A <c>.json</c> file: its documents must be JSON, not merely YAML.</summary>
    private readonly bool _isJsonFile;

    public DocumentBuilder(string file, DocumentReaderOptions options)
    {
        _file = file;
        _options = options;
        _isJsonFile = file.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Reads the documents of a chunk (normally one) into <paramref name="results"/>; returns the next document index.</summary>
    public int Build(DocumentChunk chunk, int index, List<DocumentResult> results)
    {
        if (chunk.TooLarge)
        {
            results.Add(Error(index, chunk.StartLine, 0, $"the document has {chunk.Length.ToString(CultureInfo.InvariantCulture)} characters, more than the limit of {_options.MaxDocumentLength.ToString(CultureInfo.InvariantCulture)}"));
            return index + 1;
        }

        if (_options.ReadJsonDirectly && Json.JsonDocumentParser.TryParse(chunk, _options, out var parsed) && parsed is not null)
        {
            if (parsed is not DocScalar { Kind: DocNodeKind.Null })
            {
                results.Add(new DocumentResult(new SourceDocument(_file, index, parsed.Line), parsed, null));
            }

            return index + 1;
        }

        if ((chunk.IsJsonLine || _isJsonFile) && JsonSyntax.FindError(chunk.Text) is { } json)
        {
            results.Add(Error(index, chunk.StartLine + json.Line - 1, json.Column, "invalid JSON: " + json.Message));
            return index + 1;
        }

        var parser = new Parser(new Scanner(new StringReader(chunk.Text), skipComments: false));
        Document? document = null;
        try
        {
            while (parser.MoveNext())
            {
                switch (parser.Current)
                {
                    case DocumentStart start:
                        document = new Document(LineOf(chunk, start.Start));
                        break;
                    case DocumentEnd:
                        if (document is not null && document.Root is not null and not DocScalar { Kind: DocNodeKind.Null })
                        {
                            results.Add(new DocumentResult(new SourceDocument(_file, index, document.Line, document.AttributedFile, document.AttributedFile is null ? 0 : document.AttributedLine), document.Root, null));
                        }

                        // Empty documents are skipped, but still counted so that indices match the file.
                        document = null;
                        index++;
                        break;
                    case Comment comment when document is { Root: null, Stack.Count: 0, AttributedFile: null } && !comment.IsInline:
                        // Helm: "# Source: chart/templates/x.yaml" names the template a rendered document came from.
                        if (comment.Value.StartsWith(HelmSourcePrefix, StringComparison.Ordinal))
                        {
                            var source = comment.Value[HelmSourcePrefix.Length..].Trim();
                            document.AttributedFile = source.Length > 0 ? source : null;
                            document.AttributedLine = LineOf(chunk, comment.Start);
                        }

                        break;
                    case ParsingEvent other when document is not null:
                        document.Apply(other, chunk, this);
                        break;
                }
            }
        }
        catch (YamlException e)
        {
            var what = chunk.IsJsonLine ? "invalid JSON" : "invalid YAML";
            var (line, column) = ErrorPlace(chunk, e.Start);
            results.Add(Error(index, line, column, what + ": " + e.Message));
            return index + 1;
        }
        catch (DocumentReadException e)
        {
            results.Add(Error(index, e.Line, e.Column, e.Message));
            return index + 1;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            // YamlDotNet throws these (not YamlException) for some malformed input, e.g. a tag that is not a URI, or
            // comments inside an unclosed flow collection. A second pass without comments usually finds the real
            // syntax error and its place; otherwise the error names the document's first line.
            var what = chunk.IsJsonLine ? "invalid JSON" : "invalid YAML";
            if (FindSyntaxError(chunk) is { } syntax)
            {
                var (line, column) = ErrorPlace(chunk, syntax.Start);
                results.Add(Error(index, line, column, what + ": " + syntax.Message));
                return index + 1;
            }

            // YamlDotNet gave no position: the last event it did parse tells where reading stopped.
            if (parser.Current is { } last)
            {
                var (line, column) = ErrorPlace(chunk, last.End);
                results.Add(Error(index, line, column, $"{what}: the document cannot be parsed after this point (an unclosed '{{', '[' or quote is a common cause)"));
                return index + 1;
            }

            results.Add(Error(index, document?.Line ?? chunk.StartLine, 0, what + ": " + e.Message));
            return index + 1;
        }

        return index;
    }

    private static YamlException? FindSyntaxError(DocumentChunk chunk)
    {
        try
        {
            var parser = new Parser(new StringReader(chunk.Text));
            while (parser.MoveNext())
            {
            }

            return null;
        }
        catch (YamlException e)
        {
            return e;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or FormatException or OverflowException or IndexOutOfRangeException)
        {
            return null;
        }
    }

    private static int LineOf(DocumentChunk chunk, Mark mark) => chunk.StartLine + (int)mark.Line - 1;

    // The parser reports an unexpected end of input past the last line; the error belongs to the chunk's last line.
    private static (int Line, int Column) ErrorPlace(DocumentChunk chunk, Mark mark)
    {
        var lastLine = chunk.IsJsonLine ? 1 : Math.Max(1, chunk.Text.Count(c => c == '\n'));
        if (mark.Line <= lastLine || chunk.Text.Length < 2)
        {
            return (LineOf(chunk, mark), (int)mark.Column);
        }

        var lastLineStart = chunk.Text.LastIndexOf('\n', Math.Max(0, chunk.Text.Length - 2)) + 1;
        var lastLineLength = chunk.Text.Length - lastLineStart - (chunk.Text.EndsWith('\n') ? 1 : 0);
        return (chunk.StartLine + lastLine - 1, lastLineLength + 1);
    }

    private DocumentResult Error(int index, int line, int column, string message) =>
        new(new SourceDocument(_file, index, line), null, new InputMessage(InputMessageLevel.Error, message, _file, index, line, column));

    /// <summary>The state of the document being built.</summary>
    private sealed class Document
    {
        private readonly Dictionary<string, AnchorState> _anchors = new(StringComparer.Ordinal);
        private long _aliasExpansion;

        public Document(int line)
        {
            Line = line;
        }

        public int Line { get; }

        public string? AttributedFile { get; set; }

        /// <summary>The line of the <c># Source:</c> comment: the attributed file's line 1 is the line after it.</summary>
        public int AttributedLine { get; set; }

        public DocNode? Root { get; private set; }

        public Stack<BuildFrame> Stack { get; } = new();

        public void Apply(ParsingEvent parsingEvent, DocumentChunk chunk, DocumentBuilder builder)
        {
            var line = LineOf(chunk, parsingEvent.Start);
            var column = (int)parsingEvent.Start.Column;
            var options = builder._options;
            switch (parsingEvent)
            {
                case Scalar scalar:
                    if (scalar.Value.Length > options.MaxScalarLength)
                    {
                        throw new DocumentReadException($"a scalar of {scalar.Value.Length.ToString(CultureInfo.InvariantCulture)} characters is longer than the limit of {options.MaxScalarLength.ToString(CultureInfo.InvariantCulture)}", line, column);
                    }

                    var node = new DocScalar(CoreSchema.Resolve(scalar.Value, scalar.Style, scalar.Tag), scalar.Value, line, column);
                    var isMergeKey = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty && scalar.Value == "<<";
                    Complete(scalar.Anchor, node, 1);
                    Add(node, 1, line, column, isMergeKey);
                    break;
                case AnchorAlias alias:
                    var name = alias.Value.Value;
                    if (!_anchors.TryGetValue(name, out var anchored))
                    {
                        throw new DocumentReadException($"unknown alias '*{name}': no anchor '&{name}' comes before it", line, column);
                    }

                    if (anchored.Node is null)
                    {
                        throw new DocumentReadException($"the alias '*{name}' is inside the node it refers to", line, column);
                    }

                    _aliasExpansion += anchored.Weight;
                    if (_aliasExpansion > options.MaxAliasExpansion)
                    {
                        throw new DocumentReadException($"aliases expand to more than {options.MaxAliasExpansion.ToString(CultureInfo.InvariantCulture)} nodes", line, column);
                    }

                    Add(anchored.Node, anchored.Weight, line, column, isMergeKey: false);
                    break;
                case MappingStart or SequenceStart:
                    if (Stack.Count >= options.MaxDepth)
                    {
                        throw new DocumentReadException($"the document nests deeper than {options.MaxDepth.ToString(CultureInfo.InvariantCulture)} levels", line, column);
                    }

                    var anchor = ((NodeEvent)parsingEvent).Anchor;
                    if (!anchor.IsEmpty)
                    {
                        _anchors[anchor.Value] = new AnchorState(null, 0);
                    }

                    Stack.Push(new BuildFrame(parsingEvent is MappingStart, line, column, anchor.IsEmpty ? null : anchor.Value));
                    break;
                case MappingEnd or SequenceEnd:
                    var frame = Stack.Pop();
                    var completed = frame.Complete();
                    Complete(frame.Anchor is null ? AnchorName.Empty : new AnchorName(frame.Anchor), completed, frame.Weight);
                    Add(completed, frame.Weight, frame.Line, frame.Column, isMergeKey: false);
                    break;
            }
        }

        private void Complete(AnchorName anchor, DocNode node, long weight)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = new AnchorState(node, weight);
            }
        }

        private void Add(DocNode node, long weight, int line, int column, bool isMergeKey)
        {
            if (Stack.Count == 0)
            {
                Root = node;
                return;
            }

            var frame = Stack.Peek();
            frame.Weight += weight;
            if (!frame.IsMap)
            {
                frame.Items.Add(node);
                return;
            }

            if (frame.PendingKey is null)
            {
                if (node is not DocScalar key)
                {
                    throw new DocumentReadException($"a map key must be a scalar, not a {(node.Kind == DocNodeKind.Map ? "map" : "list")}", line, column);
                }

                frame.PendingKey = key.Text;
                frame.PendingKeyLine = line;
                frame.PendingKeyColumn = column;
                frame.PendingKeyIsMerge = isMergeKey;
                return;
            }

            var name = frame.PendingKey;
            frame.PendingKey = null;
            if (frame.PendingKeyIsMerge)
            {
                AddMerge(frame, node, line, column);
                return;
            }

            if (!frame.KeyLines.TryAdd(name, frame.PendingKeyLine))
            {
                throw new DocumentReadException($"duplicate key '{name}' (first at line {frame.KeyLines[name].ToString(CultureInfo.InvariantCulture)})", frame.PendingKeyLine, frame.PendingKeyColumn);
            }

            frame.Entries.Add(new DocEntry(name, node, frame.PendingKeyLine, frame.PendingKeyColumn));
        }

        private static void AddMerge(BuildFrame frame, DocNode value, int line, int column)
        {
            if (value is DocMap map)
            {
                frame.Merges.Add(map);
                return;
            }

            if (value is DocList list && list.Items.All(item => item is DocMap))
            {
                frame.Merges.AddRange(list.Items.Cast<DocMap>());
                return;
            }

            throw new DocumentReadException("the merge key '<<' needs a map or a list of maps", line, column);
        }

        /// <summary>An anchor's node (null while the node is still being built) and its weight.</summary>
        private readonly record struct AnchorState(DocNode? Node, long Weight);
    }
}
