// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PolicyLang.Compiler.Diagnostics;
using PolicyLang.Compiler.Emit;
using PolicyLang.Compiler.Parsing;
using PolicyLang.Compiler.Syntax;
using PolicyLang.Compiler.Text;

namespace PolicyLang.Compiler;

/// <summary>
/// The door into the compiler: a set of source files, parsed, bound and emitted on demand. Immutable; each
/// stage is computed once and cached. The CLI, the language server, the test runner and code generation all use it.
/// </summary>
public sealed class Compilation
{
    private readonly Lazy<SemanticModel> _model;
    private readonly Lazy<IReadOnlyList<Diagnostic>> _diagnostics;

    private Compilation(IReadOnlyList<SyntaxTree> trees)
    {
        SyntaxTrees = trees;
        _model = new Lazy<SemanticModel>(() => new SemanticModel(new Binding.Binder(SyntaxTrees).Bind()));
        _diagnostics = new Lazy<IReadOnlyList<Diagnostic>>(AssembleDiagnostics);
    }

    /// <summary>Identifies this compiler build: the informational version and the module version id (changes with every build).</summary>
    public static string CompilerVersion { get; } =
        $"{typeof(Compilation).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0"}+{typeof(Compilation).Assembly.ManifestModule.ModuleVersionId:N}";

    public IReadOnlyList<SyntaxTree> SyntaxTrees { get; }

    /// <summary>Parses every source (in parallel) into a new compilation.</summary>
    public static Compilation Create(IEnumerable<SourceText> sources)
    {
        var list = sources.ToArray();
        var trees = new SyntaxTree[list.Length];
        Parallel.For(0, list.Length, i => trees[i] = PolicyParser.Parse(list[i]));
        return new Compilation(trees);
    }

    /// <summary>A compilation over already parsed trees (the language server reuses unchanged ones).</summary>
    public static Compilation Create(IEnumerable<SyntaxTree> trees) => new([.. trees]);

    /// <summary>
    /// The same compilation with one tree swapped for another (an edited file, or a speculative copy for completion);
    /// the other trees are reused as they are.
    /// </summary>
    public Compilation ReplaceSyntaxTree(SyntaxTree oldTree, SyntaxTree newTree) =>
        new([.. SyntaxTrees.Select(t => ReferenceEquals(t, oldTree) ? newTree : t)]);

    public SemanticModel GetSemanticModel() => _model.Value;

    /// <summary>All diagnostics (syntax and semantic), sorted by file and position, minus those disabled by pragmas.</summary>
    public IReadOnlyList<Diagnostic> GetDiagnostics() => _diagnostics.Value;

    public bool HasErrors => GetDiagnostics().Any(d => d.IsError);

    /// <summary>A hash of every source's path and text and of the compiler build: the compile cache's key.</summary>
    public string ContentHash => ContentHashOf(SyntaxTrees.Select(t => t.Source));

    /// <summary>The compile cache's key of a set of sources, without parsing them (see <see cref="ContentHash"/>).</summary>
    public static string ContentHashOf(IEnumerable<SourceText> sources)
    {
        var builder = new StringBuilder(CompilerVersion).Append('\n');
        foreach (var source in sources.OrderBy(s => s.Path, StringComparer.Ordinal))
        {
            builder.Append(source.Path).Append('\n').Append(source.Sha256).Append('\n');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }

    /// <summary>
    /// The assembly these sources were emitted to before, from the cache, or null on a miss. Nothing is parsed and
    /// Roslyn is not loaded: a warm run of the CLI costs reading the sources and hashing them.
    /// </summary>
    public static EmitResult? TryLoadCached(IEnumerable<SourceText> sources, ICompileCache cache) =>
        cache.TryLoad(ContentHashOf(sources)) is { } cached ? FromCache(cached) : null;

    /// <summary>
    /// Emits the policy assembly. Refuses while any error exists. With a cache, a compilation already emitted
    /// (same sources, same compiler) is loaded from it and Roslyn is skipped.
    /// </summary>
    public EmitResult Emit(ICompileCache? cache = null)
    {
        var key = ContentHash;
        if (cache?.TryLoad(key) is { } cached && FromCache(cached) is { } hit)
        {
            return hit;
        }

        return EmitFresh(key, cache);
    }

    // Apart from Emit so that a cache hit never JIT-compiles a method that names Roslyn's types (which loads Roslyn).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private EmitResult EmitFresh(string key, ICompileCache? cache)
    {
        var diagnostics = GetDiagnostics();
        if (diagnostics.Any(d => d.IsError))
        {
            return new EmitResult(null, null, null, diagnostics, FromCache: false);
        }

        var program = GetSemanticModel().Program;
        var generator = new CSharpGenerator(program);
        var manifest = ManifestBuilder.Build(program, generator.RuleMethodName, CompilerVersion);
        var source = generator.Generate(manifest, out var sourceMap);
        var (image, errors) = PolicyAssemblyCompiler.Compile("PolicyLang.Policies." + key[..16], source);
        var emitDiagnostics = new List<Diagnostic>(diagnostics);
        if (image is null)
        {
            foreach (var error in errors)
            {
                var line = error.Location.GetLineSpan().StartLinePosition.Line + 1;
                var origin = sourceMap.FirstOrDefault(e => line >= e.FirstLine && line <= e.LastLine);
                var at = origin is null ? SyntaxTrees[0].Source : origin.Source;
                emitDiagnostics.Add(DiagnosticCatalog.EmitFailed(at, origin?.Span ?? new TextSpan(0, 0), $"{error.Id}: {error.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}"));
            }

            return new EmitResult(null, manifest, source, emitDiagnostics, FromCache: false);
        }

        var violations = ReferencePolicy.Check(image);
        if (violations.Count > 0)
        {
            emitDiagnostics.Add(DiagnosticCatalog.EmitFailed(SyntaxTrees[0].Source, new TextSpan(0, 0), "the generated assembly " + string.Join(", ", violations)));
            return new EmitResult(null, manifest, source, emitDiagnostics, FromCache: false);
        }

        cache?.Store(key, image);
        return new EmitResult(image, manifest, source, emitDiagnostics, FromCache: false);
    }

    /// <summary>
    /// A cached image, if it is still a policy assembly the reference policy allows: a cache entry that was damaged
    /// or replaced on disk is a miss (compiled again and overwritten), never loaded.
    /// </summary>
    private static EmitResult? FromCache(byte[] image)
    {
        try
        {
            if (ReferencePolicy.Check(image).Count > 0)
            {
                return null;
            }

            return new EmitResult(image, Runtime.Evaluation.PolicyAssemblyManifest.ReadFromImage(image), null, [], FromCache: true);
        }
        catch (Exception e) when (e is InvalidDataException or BadImageFormatException or InvalidOperationException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private List<Diagnostic> AssembleDiagnostics()
    {
        // One mistake, one message: semantic diagnostics on a line with a syntax error are echoes of it.
        var syntaxErrorLines = SyntaxTrees.SelectMany(t => t.Diagnostics.Where(d => d.IsError).Select(d => (d.Source, d.Source.GetLinePosition(d.Span.Start).Line))).ToHashSet();
        var semantic = GetSemanticModel().Diagnostics.Where(d => !syntaxErrorLines.Contains((d.Source, d.Source.GetLinePosition(d.Span.Start).Line)));
        var all = SyntaxTrees.SelectMany(t => t.Diagnostics).Concat(semantic);
        var disabled = SyntaxTrees.ToDictionary(t => t.Source, DisabledLines.Of);
        return all
            .Where(d => d.Level == DiagnosticLevel.Error || !disabled.TryGetValue(d.Source, out var lines) || !lines.IsDisabled(d.Source.GetLinePosition(d.Span.Start).Line, d.Code))
            .Distinct()
            .OrderBy(d => d.Source.Path, StringComparer.Ordinal)
            .ThenBy(d => d.Span.Start)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
    }
}
