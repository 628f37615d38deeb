// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Frozen;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>Reads a host facts document (field names as in <see cref="HostFacts"/>) into host facts.</summary>
internal static class HostFactsMapper
{
    private static readonly FrozenSet<string> HostFields = FrozenSet.ToFrozenSet(
        ["node", "role", "os", "kubeletVersion", "files", "processes", "kubeletConfig", "sysctls"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> FileFields = FrozenSet.ToFrozenSet(["path", "exists", "mode", "owner", "group"], StringComparer.Ordinal);

    private static readonly FrozenSet<string> ProcessFields = FrozenSet.ToFrozenSet(["name", "args", "flags"], StringComparer.Ordinal);

    public static HostFacts Read(DocMap root, SourceDocument source, FieldReader r)
    {
        r.WarnUnknown(root, string.Empty, HostFields);
        var kubeletConfig = root["kubeletConfig"];
        return new HostFacts
        {
            Node = r.String(root, "node", string.Empty),
            Role = r.String(root, "role", string.Empty),
            Os = r.String(root, "os", string.Empty),
            KubeletVersion = r.String(root, "kubeletVersion", string.Empty),
            Files = ReadMapOfObjects(r, root, "files", (m, key, at) =>
            {
                r.WarnUnknown(m, at, FileFields);
                return new HostFile
                {
                    Path = r.String(m, "path", at) ?? key,
                    Exists = r.Boolean(m, "exists", at),
                    Mode = ReadMode(r, m, at),
                    Owner = r.String(m, "owner", at),
                    Group = r.String(m, "group", at),
                };
            }),
            Processes = ReadMapOfObjects(r, root, "processes", (m, key, at) =>
            {
                r.WarnUnknown(m, at, ProcessFields);
                var args = r.Strings(m, "args", at);
                var flags = r.StringMap(m, "flags", at);
                return new HostProcess
                {
                    Name = r.String(m, "name", at) ?? key,
                    Args = args,
                    Flags = flags.Count > 0 ? flags : FlagsOf(args),
                };
            }),
            KubeletConfig = kubeletConfig is DocScalar { IsNull: true } ? null : kubeletConfig,
            Sysctls = r.StringMap(root, "sysctls", string.Empty),
            Root = root,
            Source = source,
        };
    }

    /// <summary>The <c>--flag=value</c> arguments by name without dashes; a bare <c>--flag</c> is <c>true</c>.</summary>
    public static Dictionary<string, string> FlagsOf(IEnumerable<string> args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (!arg.StartsWith('-'))
            {
                continue;
            }

            var body = arg.TrimStart('-');
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            if (body.Length > 0)
            {
                flags[equals < 0 ? body : body[..equals]] = equals < 0 ? "true" : body[(equals + 1)..];
            }
        }

        return flags;
    }

    private static Dictionary<string, T> ReadMapOfObjects<T>(FieldReader r, DocMap root, string key, Func<DocMap, string, string, T> read)
    {
        var result = new Dictionary<string, T>(StringComparer.Ordinal);
        if (r.Map(root, key, string.Empty) is not { } map)
        {
            return result;
        }

        foreach (var entry in map.Entries)
        {
            var at = FieldReader.PathOf("/" + key, entry.Key);
            if (r.Map(entry.Value, at) is { } item)
            {
                result[entry.Key] = read(item, entry.Key, at);
            }
        }

        return result;
    }

    // A mode is an integer (YAML 0o644, or 420) or a string of octal digits as ls and stat print it ("0644", "644").
    private static long? ReadMode(FieldReader r, DocMap file, string at)
    {
        if (file["mode"] is DocScalar { Kind: DocNodeKind.String } text)
        {
            var digits = text.Text.StartsWith("0o", StringComparison.Ordinal) ? text.Text[2..] : text.Text;
            if (digits.Length is > 0 and <= 6 && digits.All(c => c is >= '0' and <= '7'))
            {
                return Convert.ToInt64(digits, 8);
            }

            r.Error(text, FieldReader.PathOf(at, "mode"), "expected a file mode (an integer, or octal digits such as \"0644\"), found '" + text.Text + "'");
            return null;
        }

        return r.Integer(file, "mode", at);
    }
}
