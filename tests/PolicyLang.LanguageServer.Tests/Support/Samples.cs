// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Tests.Support;

/// <summary>Policies the feature tests share.</summary>
internal static class Samples
{
    public const string Library = """
        package acme.lib

        /// Registries images may come from.
        param registries: list<string> = ["ghcr.io"]

        /// True when the image comes from an allowed registry.
        func trusted(ref: string): bool = image(ref).registry in registries
        """;

    public const string Policy = """
        package acme.pods

        import acme.lib as lib

        list shells = ["sh", "bash"]

        /// Containers must not run privileged.
        @id("ACME-1") @severity(high)
        rule no_privileged on workload w {
          for c in w.allContainers
            deny "container {c.name} is privileged" at c.securityContext.privileged
              when c.securityContext.privileged == true and lib.trusted(c.image)
        }

        test "privileged is denied" {
          given manifest "{apiVersion: v1, kind: Pod, metadata: {name: p}, spec: {containers: [{name: a, image: ghcr.io/a, securityContext: {privileged: true}}]}}"
          expect deny no_privileged
        }
        """;

    /// <summary>A policy of about the given number of lines: a header and repeated rules.</summary>
    public static string Large(int lines)
    {
        var builder = new System.Text.StringBuilder("package big.policy\n\nlist shells = [\"sh\", \"bash\"]\n\n");
        var count = 0;
        var i = 0;
        while (count < lines)
        {
            builder.Append("/// Rule ").Append(i).Append(".\n")
                .Append("@severity(high)\n")
                .Append("rule r").Append(i).Append(" on workload w {\n")
                .Append("  for c in w.allContainers\n")
                .Append("    deny \"container {c.name} is privileged\" at c.securityContext.privileged\n")
                .Append("      when c.securityContext.privileged == true and c.name not in shells\n")
                .Append("}\n\n");
            count += 8;
            i++;
        }

        return builder.ToString();
    }
}
