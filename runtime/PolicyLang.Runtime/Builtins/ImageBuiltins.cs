// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Builtins;

/// <summary>
/// Container image references, normalised as the container runtime resolves them: <c>nginx</c> is
/// <c>docker.io/library/nginx:latest</c>. The string helpers give absent for an absent or invalid reference.
/// </summary>
public static class ImageBuiltins
{
    [Builtin("image", BuiltinCategories.Images, "The parsed, normalised reference, with fields registry, repository, name, tag, digest, full, original and valid (false when the text is not a valid reference). Absent if ref is absent.", Example = "image(\"nginx\").full == \"docker.io/library/nginx:latest\"")]
    public static ImageReference? Image([Doc("An image reference, e.g. a container's image.")] string? @ref) => @ref is null ? null : ImageReference.Parse(@ref);

    [Builtin("imageValid", BuiltinCategories.Images, "True if ref is a valid image reference. False if absent.", Example = "imageValid(\"ghcr.io/org/app:1.0\")")]
    public static bool ImageValid([Doc("An image reference.")] string? @ref) => Valid(@ref) is not null;

    [Builtin("imageRegistry", BuiltinCategories.Images, "The registry host (and port), docker.io when none is written. Absent if ref is absent or invalid.", Example = "imageRegistry(\"localhost:5000/a/b:1.0\") == \"localhost:5000\"")]
    public static string? ImageRegistry([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Registry;

    [Builtin("imageRepository", BuiltinCategories.Images, "The repository path within the registry (library/ added for official Docker Hub images). Absent if ref is absent or invalid.", Example = "imageRepository(\"nginx\") == \"library/nginx\"")]
    public static string? ImageRepository([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Repository;

    [Builtin("imageName", BuiltinCategories.Images, "The last component of the repository. Absent if ref is absent or invalid.", Example = "imageName(\"ghcr.io/org/team/app:1.0\") == \"app\"")]
    public static string? ImageName([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Name;

    [Builtin("imageTag", BuiltinCategories.Images, "The tag: as written, \"latest\" when neither tag nor digest is written. Absent if the reference has only a digest, or ref is absent or invalid.", Example = "imageTag(\"nginx\") == \"latest\"")]
    public static string? ImageTag([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Tag;

    [Builtin("imageDigest", BuiltinCategories.Images, "The digest (\"sha256:…\"). Absent if the reference pins none, or ref is absent or invalid.", Example = "imageDigest(\"nginx:1.25\") == null")]
    public static string? ImageDigest([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Digest;

    [Builtin("imageIsPinned", BuiltinCategories.Images, "True if the reference pins a digest (the runtime then ignores any tag). False if absent or invalid.", Example = "imageIsPinned(\"nginx@sha256:0d17b565c37bcbd895e9d92315a05c1c3c9a29f762b011a10c54a66cd53c9b31\")")]
    public static bool ImageIsPinned([Doc("An image reference.")] string? @ref) => Valid(@ref)?.Digest is not null;

    private static ImageReference? Valid(string? reference) =>
        reference is not null && ImageReference.Parse(reference) is { Valid: true } parsed ? parsed : null;
}
