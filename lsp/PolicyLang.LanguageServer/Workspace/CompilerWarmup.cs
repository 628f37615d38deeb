// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler;
using PolicyLang.Compiler.Builtins;
using PolicyLang.Compiler.Text;
using PolicyLang.Compiler.Types;
using PolicyLang.LanguageServer.Logging;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.LanguageServer.Workspace;

/// <summary>
/// Compiles a small policy in the background while the client finishes initializing, so that the parser, the
/// binder, the built-in catalogue and the subject schemas are loaded and compiled by the JIT before the first real
/// document arrives (the first diagnostics then come sooner).
/// </summary>
public static class CompilerWarmup
{
    private const string Policy = """
        package policylang.warmup

        list names = ["a"]

        @severity(low)
        rule r on workload w {
          for c in w.allContainers
            deny "{c.name}" at c.securityContext.privileged when c.securityContext.privileged == true and c.name in names and startsWith(c.image, "a")
        }
        """;

    public static Task StartAsync(ServerLog log) => Task.Run(() =>
    {
        try
        {
            _ = BuiltinCatalog.All.Count;
            foreach (var kind in Enum.GetValues<SubjectKind>())
            {
                _ = Schemas.ForSubject(kind).Fields.Count;
            }

            _ = Compilation.Create([new SourceText("warmup.policy", Policy)]).GetDiagnostics();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            log.Warning($"warm-up failed (the server works, only slower at first): {e.Message}");
        }
    });
}
