// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Diagnostics after changes: codes, severities, docs links and fixes; importers re-checked; closing clears them.</summary>
public sealed class DiagnosticsTests
{
    [Fact]
    public async Task Open_publishes_coded_diagnostics_with_docs_link_fix_and_version()
    {
        using var workspace = new TestWorkspace();
        await using var client = await LspClient.StartAsync(workspace.RootUri);
        var uri = workspace.UriOf("a.policy");
        await client.OpenAsync(uri, """
            package a

            @severity(high)
            rule r on workload w {
              for c in w.allContainers
                deny "x" when c.securityContext.privilegd == true
            }
            """, version: 7);
        var published = await client.DiagnosticsAsync(uri, version: 7);
        published.Version.ShouldBe(7);
        var diagnostic = published.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("PL0200");
        diagnostic.Severity.ShouldBe(DiagnosticSeverity.Error);
        diagnostic.Message.ShouldContain("did you mean 'privileged'");
        diagnostic.Range.ShouldBe(new Range(new Position(5, 36), new Position(5, 45)));
        diagnostic.CodeDescription.ShouldNotBeNull().Href.ShouldEndWith("PL0200");
        diagnostic.Data.ShouldNotBeNull().Replacement.ShouldBe("privileged");
    }

    [Fact]
    public async Task Warnings_and_infos_keep_their_severity_and_unused_code_is_tagged()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:warnings";
        await client.OpenAsync(uri, """
            package w

            rule r on workload w {
              let unused = 1
              deny "x"
            }
            """);
        var published = await client.DiagnosticsAsync(uri, p => p.Diagnostics.Count >= 2);
        published.Diagnostics.Single(d => d.Code == "PL0300").ShouldSatisfyAllConditions(
            d => d.Severity.ShouldBe(DiagnosticSeverity.Warning),
            d => d.Tags.ShouldNotBeNull().ShouldContain(DiagnosticTag.Unnecessary));
        published.Diagnostics.Single(d => d.Code == "PL0304").Severity.ShouldBe(DiagnosticSeverity.Information);
    }

    [Fact]
    public async Task A_change_in_an_imported_package_rechecks_its_open_importers()
    {
        using var workspace = new TestWorkspace();
        var libraryUri = workspace.Write("lib/lib.policy", Samples.Library);
        var policyUri = workspace.Write("pods.policy", Samples.Policy);
        await using var client = await LspClient.StartAsync(workspace.RootUri);
        await client.OpenAsync(policyUri, Samples.Policy);
        (await client.DiagnosticsAsync(policyUri)).Diagnostics.ShouldBeEmpty();

        // Renaming the library's function breaks the importer, which was not edited.
        await client.OpenAsync(libraryUri, Samples.Library);
        var at = AnnotatedText.Find(Samples.Library, "trusted(ref");
        await client.ChangeAsync(libraryUri, 2, new TextDocumentContentChangeEvent("vetted", new Range(at, at with { Character = at.Character + "trusted".Length })));
        var broken = await client.DiagnosticsAsync(policyUri, p => p.Diagnostics.Count > 0);
        broken.Diagnostics.ShouldHaveSingleItem().Code.ShouldBe("PL0203");

        // Closing the library falls back to the file on disk: the importer is clean again.
        await client.CloseAsync(libraryUri);
        (await client.DiagnosticsAsync(policyUri, p => p.Diagnostics.Count == 0)).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Closing_a_document_clears_its_diagnostics()
    {
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:closing";
        await client.OpenAsync(uri, "package x\nrule r on nowhere n { deny \"x\" }\n");
        (await client.DiagnosticsAsync(uri, p => p.Diagnostics.Count > 0)).Diagnostics.ShouldContain(d => d.Code == "PL0104");
        await client.CloseAsync(uri);
        (await client.DiagnosticsAsync(uri, p => p.Diagnostics.Count == 0)).Diagnostics.ShouldBeEmpty();
    }

    [Fact]
    public async Task Rapid_edits_end_with_the_diagnostics_of_the_last_version()
    {
        await using var client = await LspClient.StartAsync(diagnosticsDelay: TimeSpan.FromMilliseconds(100));
        const string uri = "untitled:rapid";
        await client.OpenAsync(uri, "package x\n");
        for (var version = 2; version <= 20; version++)
        {
            await client.ChangeAsync(uri, version, new TextDocumentContentChangeEvent($"package x\nconst c{version} = {version}\nconst d = undefined{version}\n"));
        }

        var last = await client.DiagnosticsAsync(uri, version: 20);
        last.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("undefined20");

        // Debounced: far fewer checks than edits, and never one for an older text after a newer one.
        var versions = client.Published.Where(p => p.Uri == uri).Select(p => p.Version ?? 0).ToArray();
        versions.Length.ShouldBeLessThan(10);
        versions.ShouldBe(versions.Order().ToArray());
    }
}
