// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.LanguageServer.Benchmarks;

/// <summary>The 500-line policy the benchmarks edit: rules over workloads, as the standard library writes them.</summary>
internal static class LargePolicy
{
    public const int Lines = 500;

    public static string Text { get; } = Build();

    private static string Build()
    {
        var builder = new StringBuilder("package bench.large\n\nlist shells = [\"sh\", \"bash\"]\n\n");
        for (var i = 0; builder.ToString().Count(c => c == '\n') < Lines; i++)
        {
            builder.Append("/// Rule ").Append(i).Append(".\n")
                .Append("@id(\"B-").Append(i).Append("\") @severity(high)\n")
                .Append("rule r").Append(i).Append(" on workload w {\n")
                .Append("  for c in w.allContainers\n")
                .Append("    deny \"container {c.name} is privileged\" at c.securityContext.privileged\n")
                .Append("      when c.securityContext.privileged == true and c.name not in shells\n")
                .Append("}\n\n");
        }

        return builder.ToString();
    }
}
