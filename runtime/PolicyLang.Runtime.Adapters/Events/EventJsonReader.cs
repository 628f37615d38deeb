// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Adapters.Text;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>
/// Maps one line of PolicyLang's own event JSON (the shape <see cref="NativeEventMapper"/> reads) straight from a
/// <see cref="Utf8JsonReader"/> into an <see cref="EventDraft"/>, without a document tree. It accepts only what the
/// general path maps to an event with no message: known fields, each once, each of a JSON type that field reads without
/// error. Anything else (an unknown, repeated or wrongly typed field, a float where an integer is read, a Falco or
/// Tetragon member) declines, and the line goes to the general path (see <see cref="DirectJsonReader"/>).
/// </summary>
internal sealed class EventJsonReader : DirectJsonReader
{
    // Field names in the order PolicyLang writes them; a field is looked for first after the one read before it.
    // Indexed by Part: each part's field number is its index here.
    private static readonly byte[][][] Fields =
    [
        Names("type", "time", "source", "node", "proc", "file", "net", "container", "k8s", "ret", "targetId", "apiVersion", "kind"),
        Names("name", "exe", "cmdline", "args", "pid", "uid", "gid", "user", "cwd", "tty", "parent", "ancestors"),
        Names("name", "exe", "cmdline", "pid"),
        Names("path", "directory", "name", "flags", "read", "write"),
        Names("protocol", "sourceIp", "sourcePort", "destIp", "destPort", "direction"),
        Names("id", "name", "image", "privileged"),
        Names("namespace", "pod", "labels", "serviceAccount"),
    ];

    private readonly bool _mustNameItself;

    // The root object's apiVersion and kind, when they name a PolicyLang event (reset per line).
    private bool _apiVersionMatches;
    private bool _kindMatches;

    /// <param name="maxScalarLength">The reader's limit on a scalar's length (<see cref="DocumentReaderOptions.MaxScalarLength"/>).</param>
    /// <param name="strings">The strings already read from the stream.</param>
    /// <param name="mustNameItself">
    /// True when the subject kind is detected rather than forced: only a line that names itself
    /// (<c>apiVersion: policylang.io/v1</c>, <c>kind: RuntimeEvent</c>) is an event then.
    /// </param>
    public EventJsonReader(int maxScalarLength, Utf8StringCache strings, bool mustNameItself)
        : base(maxScalarLength, strings)
    {
        _mustNameItself = mustNameItself;
    }

    /// <summary>The objects of the event's shape: the root and the maps below it.</summary>
    private enum Part
    {
        Root,
        Proc,
        Parent,
        File,
        Net,
        Container,
        K8s,
    }

    /// <summary>Reads the root object; null unless it names itself as an event or need not.</summary>
    protected override EventDraft? ReadObject(ref Utf8JsonReader reader)
    {
        var draft = new EventDraft();
        _apiVersionMatches = false;
        _kindMatches = false;
        ReadPart(ref reader, draft, Part.Root);
        return !Declined && (!_mustNameItself || (_apiVersionMatches && _kindMatches)) ? draft : null;
    }

    /// <summary>Reads one object of the shape (null: no fields, as when absent) until its end or a decline.</summary>
    private void ReadPart(ref Utf8JsonReader reader, EventDraft draft, Part part)
    {
        if (part != Part.Root && !StartObject(ref reader))
        {
            return;
        }

        var names = Fields[(int)part];
        var seen = 0;
        var next = 0;
        while (!Declined && Property(ref reader, names, ref seen, ref next) is var field and >= 0)
        {
            ReadField(ref reader, draft, part, field);
        }
    }

    /// <summary>Reads the value of a part's field (its index in <see cref="Fields"/>) into the draft.</summary>
    private void ReadField(ref Utf8JsonReader reader, EventDraft d, Part part, int field)
    {
        switch (part, field)
        {
            case (Part.Root, 0): d.Type = String(ref reader); break;
            case (Part.Root, 1): d.Time = Time(ref reader); break;
            case (Part.Root, 2): d.Source = String(ref reader); break;
            case (Part.Root, 3): d.Node = String(ref reader); break;
            case (Part.Root, 4): ReadPart(ref reader, d, Part.Proc); break;
            case (Part.Root, 5): ReadPart(ref reader, d, Part.File); break;
            case (Part.Root, 6): ReadPart(ref reader, d, Part.Net); break;
            case (Part.Root, 7): ReadPart(ref reader, d, Part.Container); break;
            case (Part.Root, 8): ReadPart(ref reader, d, Part.K8s); break;
            case (Part.Root, 9): d.Ret = Integer(ref reader); break;
            case (Part.Root, 10): d.TargetId = Integer(ref reader); break;
            case (Part.Root, 11): _apiVersionMatches = NameIs(ref reader, "policylang.io/v1"u8); break;
            case (Part.Root, _): _kindMatches = NameIs(ref reader, "RuntimeEvent"u8); break;

            case (Part.Proc, 0): d.ProcName = String(ref reader); break;
            case (Part.Proc, 1): d.ProcExe = String(ref reader); break;
            case (Part.Proc, 2): d.ProcCmdline = String(ref reader); break;
            case (Part.Proc, 3): d.ProcArgs = Strings(ref reader); break;
            case (Part.Proc, 4): d.ProcPid = Integer(ref reader); break;
            case (Part.Proc, 5): d.ProcUid = Integer(ref reader); break;
            case (Part.Proc, 6): d.ProcGid = Integer(ref reader); break;
            case (Part.Proc, 7): d.ProcUser = String(ref reader); break;
            case (Part.Proc, 8): d.ProcCwd = String(ref reader); break;
            case (Part.Proc, 9): d.ProcTty = Boolean(ref reader); break;
            case (Part.Proc, 10): ReadPart(ref reader, d, Part.Parent); break;
            case (Part.Proc, _): d.Ancestors = Strings(ref reader); break;

            case (Part.Parent, 0): d.ParentName = String(ref reader); break;
            case (Part.Parent, 1): d.ParentExe = String(ref reader); break;
            case (Part.Parent, 2): d.ParentCmdline = String(ref reader); break;
            case (Part.Parent, _): d.ParentPid = Integer(ref reader); break;

            case (Part.File, 0): d.FilePath = String(ref reader); break;
            case (Part.File, 1): d.FileDirectory = String(ref reader); break;
            case (Part.File, 2): d.FileName = String(ref reader); break;
            case (Part.File, 3): d.FileFlags = Strings(ref reader); break;
            case (Part.File, 4): d.FileRead = Boolean(ref reader); break;
            case (Part.File, _): d.FileWrite = Boolean(ref reader); break;

            case (Part.Net, 0): d.NetProtocol = String(ref reader); break;
            case (Part.Net, 1): d.NetSourceIp = String(ref reader); break;
            case (Part.Net, 2): d.NetSourcePort = Integer(ref reader); break;
            case (Part.Net, 3): d.NetDestIp = String(ref reader); break;
            case (Part.Net, 4): d.NetDestPort = Integer(ref reader); break;
            case (Part.Net, _): d.NetDirection = String(ref reader); break;

            case (Part.Container, 0): d.ContainerId = String(ref reader); break;
            case (Part.Container, 1): d.ContainerName = String(ref reader); break;
            case (Part.Container, 2): d.ContainerImage = String(ref reader); break;
            case (Part.Container, _): d.ContainerPrivileged = Boolean(ref reader); break;

            case (Part.K8s, 0): d.K8sNamespace = String(ref reader); break;
            case (Part.K8s, 1): d.K8sPod = String(ref reader); break;
            case (Part.K8s, 2): d.K8sLabels = Labels(ref reader); break;
            case (_, _): d.K8sServiceAccount = String(ref reader); break;
        }
    }

    /// <summary>
    /// At a map's value: true at the start of an object (its fields follow), false for null (no fields, as when absent);
    /// anything else declines.
    /// </summary>
    private bool StartObject(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.StartObject)
        {
            return true;
        }

        Declined |= reader.TokenType != JsonTokenType.Null;
        return false;
    }

    /// <summary>An integer field: a number without fraction or exponent that fits 64 bits, or null.</summary>
    private long? Integer(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType == JsonTokenType.Number && reader.ValueSpan.IndexOfAny(".eE"u8) < 0 && reader.TryGetInt64(out var value))
        {
            return value;
        }

        Declined = true;
        return null;
    }

    private bool? Boolean(ref Utf8JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonTokenType.True:
                return true;
            case JsonTokenType.False:
                return false;
            case JsonTokenType.Null:
                return null;
            default:
                Declined = true;
                return null;
        }
    }

    /// <summary>A list of strings: null elements are skipped, numbers and true/false read as written, as the general path reads them.</summary>
    private List<string> Strings(ref Utf8JsonReader reader)
    {
        var list = new List<string>();
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            Declined |= reader.TokenType != JsonTokenType.Null;
            return list;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (String(ref reader) is { } item)
            {
                list.Add(item);
            }
            else if (Declined)
            {
                break;
            }
        }

        return list;
    }

    /// <summary>A map of strings: a null value is the empty string, a repeated key declines (the general path reports it).</summary>
    private Dictionary<string, string> Labels(ref Utf8JsonReader reader)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            Declined |= reader.TokenType != JsonTokenType.Null;
            return labels;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = Key(ref reader);
            reader.Read();
            var value = String(ref reader) ?? string.Empty;
            if (Declined || !labels.TryAdd(key, value))
            {
                Declined = true;
                break;
            }
        }

        return labels;
    }

    /// <summary>
    /// apiVersion or kind: with a detected kind, true when it is the given string; with a forced kind its value is not
    /// read, so any scalar will do (a map or list declines, as its contents would need checking).
    /// </summary>
    private bool NameIs(ref Utf8JsonReader reader, ReadOnlySpan<byte> expected)
    {
        Unread(ref reader);
        return !Declined && reader.TokenType == JsonTokenType.String && reader.ValueTextEquals(expected);
    }
}
