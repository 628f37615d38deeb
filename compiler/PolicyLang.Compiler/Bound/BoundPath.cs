// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Compiler.Binding;

namespace PolicyLang.Compiler.Bound;

/// <summary>
/// Where a value lives in the subject's document, as JSON pointer segments that generated code joins only
/// when a finding is reported. An absolute segment replaces everything before it.
/// </summary>
public sealed record BoundPath(IReadOnlyList<PathSegment> Segments)
{
    public static readonly BoundPath Root = new([]);

    public BoundPath Append(PathSegment segment) => segment.IsAbsolute ? new BoundPath([segment]) : new BoundPath([.. Segments, segment]);
}

public abstract record PathSegment
{
    public virtual bool IsAbsolute => false;
}

/// <summary>Fixed text such as <c>/securityContext/privileged</c> (already escaped).</summary>
public sealed record StaticPathSegment(string Text) : PathSegment;

/// <summary>An absolute path held in a string property of a subject object (e.g. <c>Workload.SpecPath</c>) plus a suffix.</summary>
public sealed record PropertyPathSegment(BoundExpression Target, string Property, string Suffix) : PathSegment
{
    public override bool IsAbsolute => true;
}

/// <summary>A fixed absolute path (e.g. <c>/request/object</c> of an admission request).</summary>
public sealed record AbsolutePathSegment(string Text) : PathSegment
{
    public override bool IsAbsolute => true;
}

/// <summary>The absolute path of a list element, from a parallel array of paths (e.g. <c>Workload.AllContainerPaths</c>).</summary>
public sealed record ElementPathSegment(BoundExpression Target, string PathsProperty, LocalSymbol Index) : PathSegment
{
    public override bool IsAbsolute => true;
}

/// <summary>
/// The absolute path of an element of a list literal whose elements are all fields of the subject
/// (<c>for p in [c.livenessProbe, c.readinessProbe]</c>): the alternative at the loop counter's position.
/// </summary>
public sealed record ChoicePathSegment(IReadOnlyList<BoundPath> Alternatives, LocalSymbol Index) : PathSegment
{
    public override bool IsAbsolute => true;
}

/// <summary>A list position held by a loop counter.</summary>
public sealed record LoopIndexPathSegment(LocalSymbol Index) : PathSegment;

/// <summary>A list position computed by an index expression (negative counts from the end of the list read).</summary>
public sealed record IndexPathSegment(BoundExpression List, BoundExpression Index) : PathSegment;

/// <summary>
/// The absolute path of <c>list[index]</c> for a list gathered from several places (e.g. <c>w.allContainers[0]</c>):
/// the element's entry in the parallel array of paths.
/// </summary>
public sealed record IndexedElementPathSegment(BoundExpression Target, string PathsProperty, BoundExpression Index) : PathSegment
{
    public override bool IsAbsolute => true;
}

/// <summary>A map key (escaped when the path is built).</summary>
public sealed record KeyPathSegment(BoundExpression Key) : PathSegment;
