// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Findings;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// What a running rule sees besides its subject: the inventory, the clock, cancellation, and where to
/// report findings. One context serves one subject at a time; the engine prepares it before each rule.
/// Generated code calls only the public members.
/// </summary>
public sealed class EvaluationContext
{
    private readonly List<Finding> _findings = [];
    private RuleDescriptor? _rule;
    private DocNode? _locationRoot;
    private string? _file;
    // The subject's source, when the file findings are attributed to is looked up only for a finding (BeginSubject).
    private SourceDocument? _source;
    private int _documentLine;
    private string? _skipReason;
    // Where the findings of the current subject are located (see DeferLocation()).
    private DeferredLocation? _deferred;
    private readonly PatchPlanner _patches = new();
    // Kept and cleared between subjects, so a rule with @overrides costs no allocation on a clean subject.
    private readonly List<RuleDescriptor> _applied = [];
    // The findings of the rules that ran out of their order on this subject: each rule's ordinal and range.
    private readonly List<(int Ordinal, int Start, int End)> _ruleFindings = [];
    private readonly List<Finding> _reordering = [];
    private readonly ScratchLists _scratch = new();
    private bool _ruleMutates;
    private DateTimeOffset? _now;
    private Func<DateTimeOffset>? _clock;

    public EvaluationContext(IInventory inventory, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        Inventory = inventory;
        _now = now;
        CancellationToken = cancellationToken;
    }

    /// <summary>Everything evaluated together (cross-object rules).</summary>
    public IInventory Inventory { get; }

    /// <summary>
    /// The evaluation's clock: fixed for the whole evaluation, so results are reproducible. A reused context
    /// (<see cref="SubjectEvaluator"/>) reads its clock when a rule first asks, not for every subject: most subjects
    /// are judged without it.
    /// </summary>
    public DateTimeOffset Now => _now ??= (_clock ?? throw new InvalidOperationException("The evaluation has no clock."))();

    public CancellationToken CancellationToken { get; private set; }

    /// <summary>The findings reported so far for the current subject.</summary>
    public IReadOnlyList<Finding> Findings => _findings;

    /// <summary>Reports a finding of the running rule. <paramref name="path"/> is a JSON pointer into the subject's document.</summary>
    public void Report(FindingAction action, string message, string? path)
    {
        var rule = _rule ?? throw new InvalidOperationException("No rule is running.");
        _findings.Add(new Finding
        {
            Policy = rule.Policy,
            Rule = rule.Name,
            Id = rule.Id,
            Severity = rule.Severity,
            Action = action,
            Message = message,
            Path = path,
            Deferred = DeferLocation(),
            SkippedReason = _skipReason,
        });
    }

    /// <summary>
    /// Records a mutate statement (<paramref name="op"/> is <c>add</c> for <c>mutate set</c>, <c>remove</c> for
    /// <c>mutate remove</c>) as one mutate finding whose RFC 6902 operations apply to the subject's document after the
    /// mutations before it: missing parents are created, existing values replaced, and removing an absent field
    /// reports nothing. The statement's own operation is the finding's last.
    /// </summary>
    public void Patch(string op, string path, object? value, string message)
    {
        var rule = _rule ?? throw new InvalidOperationException("No rule is running.");
        // A skipped mutation is reported but not applied, so later mutations must not count on it.
        var planner = _skipReason is null ? _patches : new PatchPlanner();
        var operations = op == "remove" ? planner.Remove(_locationRoot, path) : planner.Set(_locationRoot, path, value);
        if (operations.Count == 0)
        {
            return;
        }

        _findings.Add(new Finding
        {
            Policy = rule.Policy,
            Rule = rule.Name,
            Id = rule.Id,
            Severity = rule.Severity,
            Action = FindingAction.Mutate,
            Message = message,
            Path = path,
            Deferred = DeferLocation(),
            SkippedReason = _skipReason,
            Patch = operations,
        });
    }

    /// <summary>Marks the running rule's findings on this subject as skipped by an exception, with its reason.</summary>
    public void Skip(string reason) => _skipReason ??= reason;

    /// <summary>
    /// Records that the running rule applies to this subject (its scope matches and its <c>when</c> clauses hold), so
    /// the findings of the rules it overrides are dropped when the subject's findings are taken. Generated code calls
    /// it for rules with <c>@overrides</c>.
    /// </summary>
    public void Applies()
    {
        var rule = _rule ?? throw new InvalidOperationException("No rule is running.");
        if (rule.Overrides.Count > 0)
        {
            _applied.Add(rule);
        }
    }

    /// <summary>
    /// An empty list for a list comprehension of the running rule (generated code). It stays the rule's until the next
    /// rule run; it is reused after that, so it must not outlive the run (see <see cref="ScratchLists"/>). A rule with a
    /// mutate statement gets a new list: a mutate statement's value is kept in its finding.
    /// </summary>
    public List<T> ScratchList<T>() => _rule is null || _ruleMutates ? [] : _scratch.Rent<T>();

    /// <summary>Throws when the evaluation's deadline has passed; generated loops call it.</summary>
    public void CheckCancelled() => CancellationToken.ThrowIfCancellationRequested();

    /// <summary>Prepares a reused context for the next subject: its clock reading and cancellation (evaluator use).</summary>
    /// <summary>Where the engine stores what it read to warm a subject (see PolicyEngine.Warm), so the reads are kept.</summary>
    internal int Warmed { get; set; }

    internal void Reset(Func<DateTimeOffset> clock, CancellationToken cancellationToken)
    {
        _clock = clock;
        _now = null;
        CancellationToken = cancellationToken;
        _scratch.NextRun();
        _applied.Clear();
        _ruleFindings.Clear();
        if (_findings.Count > 0)
        {
            _findings.Clear();
            _patches.Reset();
        }
    }

    /// <summary>
    /// Prepares the context for one rule on one subject (engine use). Without a document to locate paths in (events
    /// mapped from Falco or Tetragon), findings are located at the line where the subject's document starts.
    /// </summary>
    public void BeginRule(RuleDescriptor rule, DocNode? locationRoot, string? file, int documentLine = 0) =>
        BeginRule(rule, Mutates(rule), locationRoot, file, documentLine);

    /// <summary>As <see cref="BeginRule(RuleDescriptor, DocNode?, string?, int)"/>, with whether the rule mutates decided once per engine.</summary>
    internal void BeginRule(RuleDescriptor rule, bool mutates, DocNode? locationRoot, string? file, int documentLine = 0)
    {
        _rule = rule;
        _ruleMutates = mutates;
        _scratch.NextRun();
        _locationRoot = locationRoot;
        _file = file;
        _source = null;
        _documentLine = documentLine;
        _skipReason = null;
    }

    /// <summary>
    /// Prepares the context for the rules of one subject, run with <see cref="BeginRule(RuleDescriptor, bool)"/> (engine
    /// use): findings are located in <paramref name="locationRoot"/> and attributed to <paramref name="file"/>, or, when it
    /// is null, to the file of <paramref name="source"/>, read only if a rule reports (<see cref="FileOf"/>).
    /// </summary>
    internal void BeginSubject(DocNode? locationRoot, string? file, SourceDocument? source)
    {
        _locationRoot = locationRoot;
        _file = file;
        _source = file is null ? source : null;
        _documentLine = 0;
    }

    /// <summary>Prepares the context for one rule on the subject of the last <see cref="BeginSubject"/> (engine use).</summary>
    internal void BeginRule(RuleDescriptor rule, bool mutates)
    {
        _rule = rule;
        _ruleMutates = mutates;
        _scratch.NextRun();
        _skipReason = null;
    }

    /// <summary>The file findings of the current subject are attributed to.</summary>
    private string? File
    {
        get
        {
            if (_file is null && _source is { } source)
            {
                _file = FileOf(source);
                _source = null;
            }

            return _file;
        }
    }

    /// <summary>Reports that the running rule failed on this subject (engine use).</summary>
    public void ReportError(string message, string? path)
    {
        var rule = _rule ?? throw new InvalidOperationException("No rule is running.");
        _findings.Add(new Finding
        {
            Policy = rule.Policy,
            Rule = rule.Name,
            Id = rule.Id,
            Severity = rule.Severity,
            Action = FindingAction.Error,
            Message = message,
            Path = path,
            Deferred = DeferLocation(),
        });
    }

    /// <summary>How many findings the current subject has so far (engine use).</summary>
    internal int FindingCount => _findings.Count;

    /// <summary>True when one of the rules has applied to the current subject (see <see cref="Applies"/>).</summary>
    internal bool AppliedAny(RuleDescriptor[] rules)
    {
        for (var i = 0; i < _applied.Count; i++)
        {
            foreach (var rule in rules)
            {
                // By reference: descriptors are records, and value equality would compare every member.
                if (ReferenceEquals(rule, _applied[i]))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Records that the findings from <paramref name="start"/> on are those of the rule at <paramref name="ordinal"/>, run out of order (engine use).</summary>
    internal void AddRuleFindings(int ordinal, int start)
    {
        if (_findings.Count > start)
        {
            _ruleFindings.Add((ordinal, start, _findings.Count));
        }
    }

    /// <summary>
    /// Puts the findings recorded by <see cref="AddRuleFindings"/> in the order of their rules' ordinals, each rule's own
    /// findings in the order it reported them (engine use, after a subject's rules ran out of order).
    /// </summary>
    internal void OrderRuleFindings()
    {
        var runs = _ruleFindings;
        var sorted = true;
        for (var i = 1; i < runs.Count; i++)
        {
            sorted &= runs[i - 1].Ordinal < runs[i].Ordinal;
        }

        if (!sorted)
        {
            // The ranges are contiguous, from the first one's start to the end: rewrite that tail in rule order.
            var first = runs[0].Start;
            _reordering.Clear();
            for (var i = first; i < _findings.Count; i++)
            {
                _reordering.Add(_findings[i]);
            }

            runs.Sort(static (a, b) => a.Ordinal.CompareTo(b.Ordinal));
            var at = first;
            foreach (var (_, start, end) in runs)
            {
                for (var i = start; i < end; i++)
                {
                    _findings[at++] = _reordering[i - first];
                }
            }

            _reordering.Clear();
        }

        runs.Clear();
    }

    /// <summary>Takes the findings reported since the last call, leaving the context empty for the next subject.</summary>
    public IReadOnlyList<Finding> TakeFindings()
    {
        if (_findings.Count == 0)
        {
            _applied.Clear();
            return [];
        }

        var result = _applied.Count == 0 ? _findings.ToArray() : WithoutOverridden(_findings, _applied);
        _applied.Clear();
        _findings.Clear();
        _patches.Reset();
        return result;
    }

    /// <summary>
    /// Where the running rule's findings are located, looked up when a finding's location is first read; null when
    /// they have none. One object serves every finding of a subject.
    /// </summary>
    private DeferredLocation? DeferLocation()
    {
        var file = File;
        if (file is null || (_locationRoot is null && _documentLine <= 0))
        {
            return null;
        }

        var deferred = _deferred;
        if (deferred is null || !ReferenceEquals(deferred.Root, _locationRoot) || !ReferenceEquals(deferred.File, file) || deferred.DocumentLine != _documentLine)
        {
            _deferred = deferred = new DeferredLocation(_locationRoot, file, _documentLine);
        }

        return deferred;
    }

    /// <summary>The location of a path in the current subject's document: the node, or its nearest existing ancestor.</summary>
    public SourceLocation? Locate(string? path)
    {
        if (File is not { } file)
        {
            return null;
        }

        if (_locationRoot is null)
        {
            return _documentLine > 0 ? new SourceLocation(file, _documentLine, 1) : null;
        }

        var (line, column) = JsonPointer.Locate(_locationRoot, path ?? string.Empty, out _);
        return line > 0 ? new SourceLocation(file, line, column) : null;
    }

    /// <summary>The file findings of a subject are attributed to.</summary>
    public static string? FileOf(SourceDocument? source) => source is null ? null : source.AttributedFile ?? source.File;

    /// <summary>The location of a path in a given document (engine use, for input errors).</summary>
    public SourceLocation? LocateIn(DocNode root, string? file, string? path)
    {
        if (file is null)
        {
            return null;
        }

        var (line, column) = JsonPointer.Locate(root, path ?? string.Empty, out _);
        return line > 0 ? new SourceLocation(file, line, column) : null;
    }

    internal static bool Mutates(RuleDescriptor rule)
    {
        // Indexed: a foreach over the interface would allocate its enumerator once per rule and subject.
        var actions = rule.Actions;
        for (var i = 0; i < actions.Count; i++)
        {
            if (actions[i] == FindingAction.Mutate)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The findings, less those of the rules that an applying rule overrides. The engine mostly skips an overridden
    /// rule where its overrider applied, so usually nothing is dropped: that case is decided without allocating.
    /// </summary>
    private static Finding[] WithoutOverridden(List<Finding> findings, List<RuleDescriptor> applied)
    {
        var kept = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            if (!IsOverridden(findings[i], applied))
            {
                kept++;
            }
        }

        if (kept == findings.Count)
        {
            return findings.ToArray();
        }

        var result = new Finding[kept];
        var at = 0;
        for (var i = 0; i < findings.Count; i++)
        {
            if (!IsOverridden(findings[i], applied))
            {
                result[at++] = findings[i];
            }
        }

        return result;
    }

    private static bool IsOverridden(Finding finding, List<RuleDescriptor> applied)
    {
        for (var i = 0; i < applied.Count; i++)
        {
            var overrides = applied[i].Overrides;
            for (var j = 0; j < overrides.Count; j++)
            {
                if (string.Equals(overrides[j], finding.Id, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }
}
