// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;
using PolicyLang.Runtime.Adapters;

namespace PolicyLang.Runtime.Tests.Adapters;

// Measures the whole process's heap, so it runs alone, after the parallel tests.
[Collection(nameof(StreamingMemoryTests))]
public sealed class StreamingMemoryTests
{
    private const string Deployment = """
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web-{0}
          namespace: shop
          labels: {{app: web, tier: frontend, team: payments}}
          annotations:
            description: "{1}"
        spec:
          replicas: 3
          selector: {{matchLabels: {{app: web}}}}
          template:
            metadata: {{labels: {{app: web}}}}
            spec:
              containers:
              - name: web
                image: registry.example.com/shop/web:{0}
                ports: [{{containerPort: 8080}}, {{containerPort: 8443}}]
                env:
                - {{name: MODE, value: production}}
                - {{name: LEVEL, value: info}}
                resources: {{limits: {{cpu: 500m, memory: 256Mi}}, requests: {{cpu: 100m, memory: 128Mi}}}}
                securityContext: {{runAsNonRoot: true, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true}}

        """;

    [Fact]
    public void A_50_MB_stream_is_read_one_document_at_a_time_with_bounded_memory()
    {
        var path = Path.Combine(Path.GetTempPath(), "policylang-stream-" + Path.GetRandomFileName() + ".yaml");
        try
        {
            var written = WriteStream(path, 50L * 1024 * 1024);
            var baseline = GC.GetTotalMemory(forceFullCollection: true);
            long highest = 0;
            var count = 0;

            foreach (var item in new InputReader().Read(path))
            {
                item.Manifest.ShouldNotBeNull();
                if (++count % 2000 == 0)
                {
                    highest = Math.Max(highest, GC.GetTotalMemory(forceFullCollection: true) - baseline);
                }
            }

            count.ShouldBe(written);

            // Holding every document would keep several hundred MB alive; one at a time keeps a few MB.
            highest.ShouldBeLessThan(16L * 1024 * 1024, $"retained {highest / (1024 * 1024)} MiB while streaming");
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static int WriteStream(string path, long size)
    {
        var padding = new string('x', 200);
        var count = 0;
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        while (writer.BaseStream.Length < size)
        {
            writer.Write(string.Format(CultureInfo.InvariantCulture, Deployment, count++, padding));
            if (count % 1000 == 0)
            {
                writer.Flush();
            }
        }

        writer.Flush();
        new FileInfo(path).Length.ShouldBeGreaterThanOrEqualTo(size);
        return count;
    }
}
