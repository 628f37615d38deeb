// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using PolicyLang.Bundles;
using PolicyLang.Bundles.Bindings;
using PolicyLang.Bundles.Format;
using PolicyLang.Bundles.Loading;
using PolicyLang.Bundles.Signing;
using PolicyLang.Hosts.Tests.Support;
using PolicyLang.Runtime.Evaluation;

namespace PolicyLang.Hosts.Tests.Bundles;

/// <summary>The bundle format, signatures and the checks a host makes before loading.</summary>
public sealed class BundleTests
{
    private static byte[] Rewrite(byte[] bundle, Func<string, byte[], byte[]?> change)
    {
        using var input = new ZipArchive(new MemoryStream(bundle), ZipArchiveMode.Read);
        using var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in input.Entries)
            {
                using var stream = entry.Open();
                using var content = new MemoryStream();
                stream.CopyTo(content);
                if (change(entry.FullName, content.ToArray()) is { } replaced)
                {
                    using var target = zip.CreateEntry(entry.FullName).Open();
                    target.Write(replaced);
                }
            }
        }

        return output.ToArray();
    }

    [Fact]
    public void A_bundle_holds_the_assembly_a_manifest_and_a_signature()
    {
        using var key = SigningKey.Generate();
        var bytes = TestPolicies.Bundle(TestPolicies.Standard, key: key);

        using var zip = new ZipArchive(new MemoryStream(bytes), ZipArchiveMode.Read);
        zip.Entries.Select(e => e.FullName).ShouldBe(["manifest.json", "policies.dll", "signature.json"]);
        using var verification = VerificationKey.FromPem(key.ExportPublicKeyPem(), "test");
        var bundle = BundleReader.Read(bytes, "test.bundle", verification);
        bundle.SignatureVerified.ShouldBeTrue();
        bundle.Signature?.KeyId.ShouldBe(key.KeyId);
        var manifest = bundle.Manifest;
        manifest.FormatVersion.ShouldBe(BundleFormat.Version);
        manifest.CompilerVersion.ShouldStartWith(BundleFormat.RuntimeVersion + "+");
        manifest.RuntimeVersion.ShouldBe(BundleFormat.RuntimeVersion);
        manifest.Assembly.Size.ShouldBe(bundle.Image.Length);
        manifest.Policies.Select(p => p.Name).ShouldBe(["hosttest.admission", "hosttest.mutations", "hosttest.pods"], ignoreOrder: true);
        manifest.Policies.SelectMany(p => p.Rules).Select(r => r.Id).ShouldContain("HT-M-001");
        manifest.Policies.SelectMany(p => p.Sources).ShouldAllBe(s => s.Sha256.Length == 64);
        var json = JsonNode.Parse(Encoding.UTF8.GetString(bundle.ManifestBytes));
        json?["formatVersion"]?.GetValue<int>().ShouldBe(1);
        json?["assembly"]?["sha256"]?.GetValue<string>().ShouldBe(manifest.Assembly.Sha256);
    }

    [Fact]
    public void An_unsigned_bundle_is_refused_when_a_key_is_configured_and_accepted_without_one()
    {
        using var key = SigningKey.Generate();
        using var verification = VerificationKey.FromPem(key.ExportPublicKeyPem(), "test");
        var bytes = TestPolicies.Bundle(TestPolicies.Standard);

        BundleReader.Read(bytes, "p.bundle", null).SignatureVerified.ShouldBeFalse();
        Should.Throw<BundleException>(() => BundleReader.Read(bytes, "p.bundle", verification))
            .Message.ShouldBe($"p.bundle: the bundle is not signed, and this host requires bundles signed with key {key.KeyId} (build it with policylang build --sign-key)");
    }

    [Fact]
    public void A_bundle_signed_by_another_key_is_refused()
    {
        using var signer = SigningKey.Generate();
        using var trusted = SigningKey.Generate();
        using var verification = VerificationKey.FromPem(trusted.ExportPublicKeyPem(), "test");

        Should.Throw<BundleException>(() => BundleReader.Read(TestPolicies.Bundle(TestPolicies.Standard, key: signer), "p.bundle", verification))
            .Message.ShouldBe($"p.bundle: the bundle is signed by key {signer.KeyId}, not by the trusted key {trusted.KeyId}");
    }

    [Fact]
    public void A_changed_manifest_or_assembly_is_refused()
    {
        using var key = SigningKey.Generate();
        using var verification = VerificationKey.FromPem(key.ExportPublicKeyPem(), "test");
        var bytes = TestPolicies.Bundle(TestPolicies.Standard, key: key);
        var manifestChanged = Rewrite(bytes, (name, content) => name == "manifest.json" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("\"high\"", "\"low\"", StringComparison.Ordinal)) : content);
        var assemblyChanged = Rewrite(bytes, (name, content) => name == "policies.dll" ? [.. content, 0] : content);

        Should.Throw<BundleException>(() => BundleReader.Read(manifestChanged, "p.bundle", verification))
            .Message.ShouldBe($"p.bundle: the signature does not verify with key {key.KeyId}: the bundle was changed after it was signed");
        Should.Throw<BundleException>(() => BundleReader.Read(assemblyChanged, "p.bundle", verification))
            .Message.ShouldContain("the policy assembly does not match the manifest");
        Should.Throw<BundleException>(() => BundleReader.Read(assemblyChanged, "p.bundle", null))
            .Message.ShouldContain("the bundle is corrupt or was tampered with");
    }

    [Fact]
    public void A_bundle_from_an_incompatible_compiler_is_refused_with_a_clear_error()
    {
        var (image, manifest) = TestPolicies.Compile(TestPolicies.Standard);
        var future = BundleWriter.Write(image, manifest with { CompilerVersion = "9.0.0+abc" }, PolicyBindings.None, null, DateTimeOffset.UtcNow);

        Should.Throw<BundleException>(() => BundleReader.Read(future, "p.bundle", null))
            .Message.ShouldBe($"p.bundle: the bundle was built by compiler 9.0.0, which is incompatible with this runtime {BundleFormat.RuntimeVersion}; rebuild it with policylang {BundleFormat.RuntimeVersion}");
    }

    [Fact]
    public void An_unknown_bundle_format_is_refused()
    {
        var bytes = TestPolicies.Bundle(TestPolicies.Standard);
        var changed = Rewrite(bytes, (name, content) => name == "manifest.json" ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(content).Replace("\"formatVersion\": 1", "\"formatVersion\": 2", StringComparison.Ordinal)) : content);

        Should.Throw<BundleException>(() => BundleReader.Read(changed, "p.bundle", null))
            .Message.ShouldStartWith("p.bundle: bundle format 2 is not supported (this host reads format 1)");
    }

    [Theory]
    [InlineData("0.1.0+x", "0.1.0", true)]
    [InlineData("0.1.3", "0.1.0", true)]
    [InlineData("0.2.0", "0.1.0", false)]
    [InlineData("1.2.0", "1.4.1", true)]
    [InlineData("1.5.0", "1.4.1", false)]
    [InlineData("2.0.0", "1.4.1", false)]
    [InlineData("garbage", "1.4.1", false)]
    public void Compiler_and_runtime_compatibility(string compiler, string runtime, bool compatible) =>
        BundleFormat.IsCompatible(compiler, runtime).ShouldBe(compatible);

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 }, "not a valid archive")]
    [InlineData(new byte[] { 0x50, 0x4b, 0x05, 0x06, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 }, "it needs manifest.json and policies.dll")]
    public void Files_that_are_not_bundles_are_refused(byte[] bytes, string message) =>
        Should.Throw<BundleException>(() => BundleReader.Read(bytes, "x.bundle", null)).Message.ShouldContain(message);

    [Fact]
    public void Bindings_set_parameters_enforcement_and_scopes()
    {
        var bindings = BindingsReader.ReadText(
            """
            apiVersion: policylang.io/v1
            kind: Bindings
            parameters:
              hosttest.admission.unused: 1
            bindings:
              - policy: hosttest.pods
                enforcement: warn
                match: {namespaces: ["prod-*"]}
                exclude: {labels: {tier: legacy}}
              - rule: HT-003
                enforcement: audit
            """,
            "bindings.yaml");

        bindings.Parameters["hosttest.admission.unused"].ShouldBe("1");
        bindings.Bindings[0].Policy.ShouldBe("hosttest.pods");
        bindings.Bindings[0].Enforcement.ShouldBe(Enforcement.Warn);
        bindings.Bindings[0].Scope?.Namespaces.ShouldBe(["prod-*"]);
        bindings.Bindings[0].Scope?.ExcludeLabels.ShouldBe("tier=legacy");
        bindings.Bindings[1].Rule.ShouldBe("HT-003");

        // The parameter is not declared by any policy: loading says so.
        var (image, manifest) = TestPolicies.Compile(TestPolicies.Standard);
        Should.Throw<BundleException>(() => BundleLoader.Load(image, manifest, bindings, "b", "d"))
            .Message.ShouldContain("parameter hosttest.admission.unused: no loaded policy declares it");
    }

    [Fact]
    public void Bindings_errors_name_the_file_and_place()
    {
        var error = Should.Throw<BundleException>(() => BindingsReader.ReadText(
            """
            apiVersion: policylang.io/v1
            kind: Bindings
            bindings:
              - policy: a
                enforcement: block
              - rule: b
                match: {nmespaces: [x]}
            """,
            "bindings.yaml"));

        error.Message.ShouldContain("bindings.yaml:5:18: enforcement must be deny, warn or audit");
        error.Message.ShouldContain("bindings.yaml:7:24: unknown scope field 'nmespaces'");
    }

    [Fact]
    public void Bindings_naming_unknown_policies_or_rules_suggest_the_closest()
    {
        var (image, manifest) = TestPolicies.Compile(TestPolicies.Standard);
        var bindings = new PolicyBindings { Bindings = [new PolicyBinding { Policy = "hosttest.pod", Origin = "b.yaml:4:5" }, new PolicyBinding { Rule = "HT-M-01" }] };

        var errors = BundleLoader.Check(manifest, bindings);

        errors.ShouldBe(["b.yaml:4:5: no loaded policy is named 'hosttest.pod'; did you mean 'hosttest.pods'?", "no loaded rule has the id 'HT-M-01'; did you mean 'HT-M-001'?"]);
        _ = image;
    }

    [Fact]
    public void Keys_that_are_not_p256_are_refused()
    {
        using var p384 = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP384);

        Should.Throw<BundleException>(() => VerificationKey.FromPem(p384.ExportSubjectPublicKeyInfoPem(), "k.pub")).Message.ShouldBe("k.pub: the key is not on the P-256 curve (policylang keygen makes one)");
        Should.Throw<BundleException>(() => VerificationKey.FromPem("hello", "k.pub")).Message.ShouldStartWith("k.pub: not a PEM ECDSA key");
    }

    [Fact]
    public void A_loaded_bundle_evaluates_without_the_compiler_and_unloads()
    {
        var bundle = BundleReader.Read(TestPolicies.Bundle(TestPolicies.Standard), "p.bundle", null);

        var loaded = BundleLoader.Load(bundle, "p.bundle");

        loaded.RuleCount.ShouldBe(10);
        new PolicyEngine(loaded.Policies).Rules.Count.ShouldBe(10);
        loaded.Unload();
    }
}
