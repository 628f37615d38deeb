// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Text;
using PolicyLang.LanguageServer.Protocol;
using PolicyLang.LanguageServer.Workspace;

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>Applies a workspace edit's text edits to a text, as a client would (last edit first, so ranges stay valid).</summary>
internal static class EditApplier
{
    public static string Apply(string text, IEnumerable<TextEdit> edits)
    {
        var source = new SourceText("edit.policy", text);
        foreach (var edit in edits.OrderByDescending(e => e.Range.Start.Line).ThenByDescending(e => e.Range.Start.Character))
        {
            source = CompilationManager.Apply(source, new TextDocumentContentChangeEvent(edit.NewText, edit.Range));
        }

        return source.Text;
    }
}
