// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Xml;
using System.Xml.Schema;
using NJsonSchema;

namespace PolicyLang.Cli.Tests;

/// <summary>Validates report outputs against the formats' official schemas shipped in Schemas/.</summary>
internal static class ReportSchemas
{
    private static readonly Lazy<JsonSchema> Sarif = new(() =>
        JsonSchema.FromJsonAsync(File.ReadAllText(Path.Combine(RepositoryPaths.Project, "Schemas", "sarif-schema-2.1.0.json"))).GetAwaiter().GetResult());

    private static readonly Lazy<XmlSchemaSet> JUnit = new(() =>
    {
        var set = new XmlSchemaSet();
        using var reader = XmlReader.Create(Path.Combine(RepositoryPaths.Project, "Schemas", "junit-10.xsd"));
        set.Add(null, reader);
        set.Compile();
        return set;
    });

    /// <summary>The SARIF 2.1.0 schema errors of a document, one line each (none when valid).</summary>
    public static IReadOnlyList<string> SarifErrors(string json) =>
        Sarif.Value.Validate(json).Select(e => $"{e.Path}: {e.Kind}").ToArray();

    /// <summary>The JUnit schema errors of a document, one line each (none when valid).</summary>
    public static IReadOnlyList<string> JUnitErrors(string xml)
    {
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = JUnit.Value };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Exception?.LineNumber}:{e.Exception?.LinePosition}: {e.Message}");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read())
        {
        }

        return errors;
    }
}
