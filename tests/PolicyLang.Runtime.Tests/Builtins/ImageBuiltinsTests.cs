// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;
using I = PolicyLang.Runtime.Builtins.ImageBuiltins;

namespace PolicyLang.Runtime.Tests.Builtins;

public sealed class ImageBuiltinsTests
{
    private const string Sha = "sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31";

    [Theory]
    [InlineData("nginx", "docker.io", "library/nginx", "nginx", "latest", null, "docker.io/library/nginx:latest")]
    [InlineData("nginx:1.25", "docker.io", "library/nginx", "nginx", "1.25", null, "docker.io/library/nginx:1.25")]
    [InlineData("docker.io/nginx", "docker.io", "library/nginx", "nginx", "latest", null, "docker.io/library/nginx:latest")]
    [InlineData("index.docker.io/library/nginx", "docker.io", "library/nginx", "nginx", "latest", null, "docker.io/library/nginx:latest")]
    [InlineData("library/nginx", "docker.io", "library/nginx", "nginx", "latest", null, "docker.io/library/nginx:latest")]
    [InlineData("team/app", "docker.io", "team/app", "app", "latest", null, "docker.io/team/app:latest")]
    [InlineData("localhost:5000/a/b:1.0", "localhost:5000", "a/b", "b", "1.0", null, "localhost:5000/a/b:1.0")]
    [InlineData("localhost/app", "localhost", "app", "app", "latest", null, "localhost/app:latest")]
    [InlineData("registry.example.com:443/team/app@" + Sha, "registry.example.com:443", "team/app", "app", null, Sha, "registry.example.com:443/team/app@" + Sha)]
    [InlineData("ghcr.io/o/r:v1@" + Sha, "ghcr.io", "o/r", "r", "v1", Sha, "ghcr.io/o/r:v1@" + Sha)]
    [InlineData("nginx@" + Sha, "docker.io", "library/nginx", "nginx", null, Sha, "docker.io/library/nginx@" + Sha)]
    [InlineData("[::1]:5000/app:dev", "[::1]:5000", "app", "app", "dev", null, "[::1]:5000/app:dev")]
    [InlineData("192.168.1.10:5000/x/y", "192.168.1.10:5000", "x/y", "y", "latest", null, "192.168.1.10:5000/x/y:latest")]
    [InlineData("quay.io/org/sub/deep/app:UPPER_tag-1.0", "quay.io", "org/sub/deep/app", "app", "UPPER_tag-1.0", null, "quay.io/org/sub/deep/app:UPPER_tag-1.0")]
    [InlineData("a.io/my-app__x.y/a--b", "a.io", "my-app__x.y/a--b", "a--b", "latest", null, "a.io/my-app__x.y/a--b:latest")]
    [InlineData(" nginx ", "docker.io", "library/nginx", "nginx", "latest", null, "docker.io/library/nginx:latest")]
    // The first component is a registry when it has upper-case letters (as distribution/reference decides),
    // so the repository "case" is fine and the reference is valid, with registry "UPPER".
    [InlineData("UPPER/case", "UPPER", "case", "case", "latest", null, "UPPER/case:latest")]
    public void Valid_references_are_normalised(string reference, string registry, string repository, string name, string? tag, string? digest, string full)
    {
        var image = I.Image(reference).ShouldNotBeNull();
        image.Valid.ShouldBeTrue();
        image.Original.ShouldBe(reference);
        image.Registry.ShouldBe(registry);
        image.Repository.ShouldBe(repository);
        image.Name.ShouldBe(name);
        image.Tag.ShouldBe(tag);
        image.Digest.ShouldBe(digest);
        image.Full.ShouldBe(full);
        I.ImageValid(reference).ShouldBeTrue();
        I.ImageRegistry(reference).ShouldBe(registry);
        I.ImageRepository(reference).ShouldBe(repository);
        I.ImageName(reference).ShouldBe(name);
        I.ImageTag(reference).ShouldBe(tag);
        I.ImageDigest(reference).ShouldBe(digest);
        I.ImageIsPinned(reference).ShouldBe(digest is not null);
        ImageReference.Parse(full).Full.ShouldBe(full);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData(":tag")]
    [InlineData("UPPER")]
    [InlineData("Upper/Case")]
    [InlineData("docker.io/UPPER/x")]
    [InlineData("nginx:")]
    [InlineData("nginx:-bad")]
    [InlineData("nginx:a/b")]
    [InlineData("nginx@")]
    [InlineData("nginx@sha256:abc")]
    [InlineData("nginx@sha256:0D17B565C37BCBD895E9D92315A05C1C3C9A29F762B011A10C54A66CD53C9B31")]
    [InlineData("nginx@md5:0d17b565c37bcbd895e9d92315a05c1c")]
    [InlineData("nginx@" + Sha + "@" + Sha)]
    [InlineData("a//b")]
    [InlineData("a/b/")]
    [InlineData("/a")]
    [InlineData("-a")]
    [InlineData("a-")]
    [InlineData("a___b")]
    [InlineData("a._b")]
    [InlineData("my_registry.io/app")]
    [InlineData("-reg.io/app")]
    [InlineData("reg-.io/app")]
    [InlineData("reg.io:port/app")]
    [InlineData("reg.io:/app")]
    [InlineData("[::1/app")]
    [InlineData("[not-v6]:5000/app")]
    [InlineData("0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31")]
    public void Invalid_references_are_marked_and_give_absent_parts(string reference)
    {
        var image = I.Image(reference).ShouldNotBeNull();
        image.Valid.ShouldBeFalse();
        image.Original.ShouldBe(reference);
        I.ImageValid(reference).ShouldBeFalse();
        I.ImageRegistry(reference).ShouldBeNull();
        I.ImageRepository(reference).ShouldBeNull();
        I.ImageName(reference).ShouldBeNull();
        I.ImageTag(reference).ShouldBeNull();
        I.ImageDigest(reference).ShouldBeNull();
        I.ImageIsPinned(reference).ShouldBeFalse();
    }

    [Fact]
    public void A_tag_may_be_128_characters_and_a_name_255()
    {
        ImageReference.Parse("app:" + new string('t', 128)).Valid.ShouldBeTrue();
        ImageReference.Parse("app:" + new string('t', 129)).Valid.ShouldBeFalse();
        ImageReference.Parse("r.io/" + new string('a', 250)).Valid.ShouldBeTrue();
        ImageReference.Parse("r.io/" + new string('a', 251)).Valid.ShouldBeFalse();
    }

    [Fact]
    public void Sha384_and_sha512_digests_are_accepted()
    {
        ImageReference.Parse("app@sha384:" + new string('a', 96)).Valid.ShouldBeTrue();
        ImageReference.Parse("app@sha512:" + new string('b', 128)).Valid.ShouldBeTrue();
        ImageReference.Parse("app@sha512:" + new string('b', 64)).Valid.ShouldBeFalse();
    }

    [Fact]
    public void Absent_references_give_absent()
    {
        I.Image(null).ShouldBeNull();
        I.ImageValid(null).ShouldBeFalse();
        I.ImageRegistry(null).ShouldBeNull();
        I.ImageIsPinned(null).ShouldBeFalse();
    }
}
