// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;
using static PolicyLang.Runtime.Tests.Adapters.AdapterTestHelpers;

namespace PolicyLang.Runtime.Tests.Adapters;

public sealed class ImageAndHostTests
{
    private static List<InputItem> ReadFile(string name, SubjectKind kind) =>
        new InputReader(new InputReaderOptions { Subject = kind }).Read(TestData(name)).ToList();

    [Fact]
    public void Image_json_reads_into_an_image_subject()
    {
        var image = ReadFile("image.json", SubjectKind.Image).Single().Image.ShouldNotBeNull();

        (image.Reference.Registry, image.Reference.Repository, image.Reference.Tag).ShouldBe(("registry.example.com", "shop/api", "2.1.0"));
        image.Reference.Valid.ShouldBeTrue();
        (image.Os, image.Architecture).ShouldBe(("linux", "amd64"));
        image.Created.ShouldBe(new DateTimeOffset(2024, 5, 1, 10, 0, 0, TimeSpan.Zero));
        image.Size.ShouldBe(3345);
        image.Config.User.ShouldBe("1000");
        image.Config.ExposedPorts.ShouldBe(["8080/tcp"]);
        image.Config.Labels["version"].ShouldBe("2.1");
        image.Config.Healthcheck.ShouldBe(true);
        image.History.Select(h => h.CreatedBy).ShouldBe(["/bin/sh -c #(nop) ADD file:abc in /", "RUN apt-get install -y curl"]);
        image.Packages.Single().Purl.ShouldBe("pkg:deb/debian/openssl@3.0.11-1");
        var vulnerability = image.Vulnerabilities.Single();
        (vulnerability.Id, vulnerability.Severity, vulnerability.Cvss, vulnerability.FixedVersion).ShouldBe(("CVE-2024-0727", "medium", (double?)5.5, "3.0.13-1"));
        image.Source.ShouldNotBeNull().File.ShouldBe(TestData("image.json"));
        image.Root.ShouldNotBeNull();
    }

    [Fact]
    public void Every_image_field_is_read()
    {
        const string json = """
            {"reference": "nginx:1.27@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", "os": "linux", "architecture": "arm64",
             "created": "2024-05-01T10:00:00Z", "size": 10,
             "config": {"user": "101", "env": ["A=1"], "entrypoint": ["/docker-entrypoint.sh"], "cmd": ["nginx"], "workingDir": "/",
                        "labels": {"a": "b"}, "exposedPorts": ["80/tcp"], "volumes": ["/cache"], "stopSignal": "SIGQUIT", "healthcheck": false},
             "history": [{"created": "2024-05-01T10:00:00Z", "createdBy": "CMD [\"nginx\"]", "comment": "c", "emptyLayer": true}],
             "layers": [{"digest": "sha256:aa", "size": 10, "mediaType": "application/vnd.oci.image.layer.v1.tar+gzip"}],
             "packages": [{"name": "nginx", "version": "1.27.0", "type": "deb", "purl": "pkg:deb/debian/nginx@1.27.0", "licenses": ["BSD-2-Clause"]}],
             "vulnerabilities": [{"id": "CVE-1", "package": "nginx", "installedVersion": "1.27.0", "fixedVersion": "1.27.1", "severity": "high", "cvss": 7.5, "title": "t"}]}
            """;

        var image = ReadItems(json, "image.json", SubjectKind.Image).Single().Image.ShouldNotBeNull();

        SubjectFieldCoverage.AssertEveryFieldSet(image);
    }

    [Fact]
    public void Unknown_image_field_is_a_warning_and_the_image_is_still_read()
    {
        var items = ReadItems("{\"reference\": \"nginx\",\n \"vulnerabilites\": []}", "typo.json", SubjectKind.Image);

        var warning = items[0].Message.ShouldNotBeNull();
        warning.Level.ShouldBe(InputMessageLevel.Warning);
        warning.Text.ShouldBe("/vulnerabilites: unknown field 'vulnerabilites' is ignored");
        (warning.Line, warning.Column).ShouldBe((2, 2));
        items[1].Image.ShouldNotBeNull().Reference.Full.ShouldBe("docker.io/library/nginx:latest");
    }

    [Fact]
    public void Image_type_mismatches_are_errors_with_the_field_path_and_no_image()
    {
        const string json = "{\"reference\": \"nginx\",\n \"size\": \"big\",\n \"layers\": [{\"size\": 1}, \"x\"]}";

        var items = ReadItems(json, "bad.json", SubjectKind.Image);

        items.ShouldAllBe(i => i.Kind == InputItemKind.Message);
        items.Select(i => (i.Message!.Text, i.Message.Line)).ShouldBe([
            ("/size: expected an integer, found the string 'big'", 2),
            ("/layers/1: expected a map, found the string 'x'", 3),
        ]);
    }

    [Fact]
    public void Host_facts_read_with_derived_fields()
    {
        var host = ReadFile("host.json", SubjectKind.Host).Single().Host.ShouldNotBeNull();

        (host.Node, host.Role, host.KubeletVersion).ShouldBe(("worker-1", "worker", "v1.30.2"));
        var kubeconfig = host.Files["/etc/kubernetes/kubelet.conf"];
        (kubeconfig.Path, kubeconfig.Mode, kubeconfig.Owner, kubeconfig.Exists).ShouldBe(("/etc/kubernetes/kubelet.conf", (long?)384, "root", (bool?)true));
        host.Files["/var/lib/kubelet/config.yaml"].Mode.ShouldBe(420);
        var kubelet = host.Processes["kubelet"];
        kubelet.Name.ShouldBe("kubelet");
        kubelet.Flags["config"].ShouldBe("/var/lib/kubelet/config.yaml");
        kubelet.Flags["rotate-certificates"].ShouldBe("true");
        kubelet.Flags["v"].ShouldBe("2");
        Map(Map(Map(host.KubeletConfig)["authentication"])["anonymous"])["enabled"].ShouldNotBeNull();
        host.Sysctls["net.ipv4.ip_forward"].ShouldBe("1");
    }

    [Fact]
    public void Every_host_field_is_read()
    {
        const string yaml = """
            node: cp-1
            role: controlplane
            os: linux
            kubeletVersion: v1.30.2
            files:
              /etc/kubernetes/admin.conf: {path: /etc/kubernetes/admin.conf, exists: true, mode: 0o600, owner: root, group: root}
            processes:
              kube-apiserver: {name: kube-apiserver, args: [--anonymous-auth=false], flags: {anonymous-auth: "false"}}
            kubeletConfig: {readOnlyPort: 0}
            sysctls: {kernel.panic: "10"}
            """;

        var host = ReadItems(yaml, "host.yaml", SubjectKind.Host).Single().Host.ShouldNotBeNull();

        SubjectFieldCoverage.AssertEveryFieldSet(host);
        host.Files["/etc/kubernetes/admin.conf"].Mode.ShouldBe(384);
    }

    [Fact]
    public void Bad_file_mode_is_an_error()
    {
        var message = ReadItems("files:\n  /etc/passwd: {mode: rw-r--r--}\n", "host.yaml", SubjectKind.Host).Single().Message.ShouldNotBeNull();

        message.Text.ShouldStartWith("/files/~1etc~1passwd/mode: expected a file mode");
        message.Line.ShouldBe(2);
    }
}
