// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace PolicyLang.Compiler.Types;

/// <summary>
/// Reads the XML documentation shipped beside an assembly (KubernetesClient's API descriptions, the runtime's
/// subject docs) for hover and completion. Loaded once per assembly, on first use.
/// </summary>
public static partial class XmlDocs
{
    private static readonly ConcurrentDictionary<Assembly, IReadOnlyDictionary<string, string>> Files = new();

    public static string? ForType(Type type) => Lookup(type.Assembly, "T:" + type.FullName);

    public static string? ForProperty(PropertyInfo property) =>
        property.DeclaringType is null ? null : Lookup(property.DeclaringType.Assembly, $"P:{property.DeclaringType.FullName}.{property.Name}");

    public static string? ForMethod(MethodInfo method) =>
        method.DeclaringType is null ? null : Lookup(method.DeclaringType.Assembly, $"M:{method.DeclaringType.FullName}.{method.Name}");

    private static string? Lookup(Assembly assembly, string key) =>
        Files.GetOrAdd(assembly, Load).TryGetValue(key, out var text) ? text : null;

    private static IReadOnlyDictionary<string, string> Load(Assembly assembly)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var location = assembly.Location;
            if (string.IsNullOrEmpty(location))
            {
                return result;
            }

            var path = System.IO.Path.ChangeExtension(location, ".xml");
            using var stream = OpenIfExists(path);
            if (stream is null)
            {
                return result;
            }

            foreach (var member in XDocument.Load(stream).Descendants("member"))
            {
                var name = member.Attribute("name")?.Value;
                var summary = member.Element("summary");
                if (name is null || summary is null)
                {
                    continue;
                }

                var text = string.Concat(summary.Nodes().Select(n => n is XElement e ? e.Attribute("cref")?.Value.Split('.').Last() ?? e.Value : n.ToString()));
                result[name] = Whitespace().Replace(System.Net.WebUtility.HtmlDecode(text), " ").Trim();
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            // Docs are a convenience: without them hover shows types only.
        }

        return result;
    }

    private static FileStream? OpenIfExists(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
