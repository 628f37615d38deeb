// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Tests.Support;
using Range = PolicyLang.LanguageServer.Protocol.Range;

namespace PolicyLang.LanguageServer.Tests.Features;

/// <summary>Typing into a large policy, one character at a time: the final diagnostics are those of the final text.</summary>
public sealed class TypingTests
{
    [Fact]
    public async Task Two_hundred_single_character_edits_in_a_500_line_policy_end_with_correct_diagnostics()
    {
        var text = Samples.Large(500);
        text.Split('\n').Length.ShouldBeGreaterThanOrEqualTo(500);
        await using var client = await LspClient.StartAsync();
        const string uri = "untitled:typing";
        await client.OpenAsync(uri, text);
        (await client.DiagnosticsAsync(uri)).Diagnostics.ShouldBeEmpty();

        // Type a new rule at the end, character by character: 200 edits, the last ones making a misspelt field.
        const string typed = "\n@severity(low)\nrule typed on workload w {\n  for c in w.allContainers\n    warn \"{c.name}\" when c.securityContext.readOnlyRootFilesystm != true and c.image != \"\"\n}\n";
        var lines = text.Split('\n');
        var line = lines.Length - 1;
        var character = lines[^1].Length;
        var version = 1;
        var edits = 0;
        var expected = new System.Text.StringBuilder(text);
        foreach (var ch in typed.PadRight(200, ' ')[..200])
        {
            var at = new Position(line, character);
            await client.ChangeAsync(uri, ++version, new TextDocumentContentChangeEvent(ch.ToString(), new Range(at, at)));
            expected.Append(ch);
            edits++;
            if (ch == '\n')
            {
                line++;
                character = 0;
            }
            else
            {
                character++;
            }
        }

        edits.ShouldBe(200);
        var final = await client.DiagnosticsAsync(uri, version: version);
        var diagnostic = final.Diagnostics.ShouldHaveSingleItem();
        diagnostic.Code.ShouldBe("PL0200");
        diagnostic.Message.ShouldContain("did you mean 'readOnlyRootFilesystem'");
        var finalText = expected.ToString();
        diagnostic.Range.Start.ShouldBe(AnnotatedText.Find(finalText, "readOnlyRootFilesystm"));
    }
}
