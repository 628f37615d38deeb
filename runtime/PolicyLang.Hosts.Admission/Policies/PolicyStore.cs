// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using Microsoft.Extensions.Logging;
using PolicyLang.Hosts.Admission.Metrics;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>
/// Holds the policy set being served and replaces it atomically. A reload builds the new set completely off the
/// request path; requests read the current snapshot once and keep it to the end, so none fails during a swap.
/// A new set that cannot be built is rejected, logged and counted, and the old one keeps serving.
/// </summary>
public sealed partial class PolicyStore
{
    private readonly IPolicySource _source;
    private readonly AdmissionMetrics _metrics;
    private readonly ILogger _logger;
    private readonly Lock _reloadLock = new();
    private PolicySnapshot? _current;
    private string? _servedFingerprint;
    private string? _rejectedFingerprint;
    private long _generation;

    public PolicyStore(IPolicySource source, AdmissionMetrics metrics, ILogger<PolicyStore> logger)
    {
        _source = source;
        _metrics = metrics;
        _logger = logger;
    }

    /// <summary>The policy set being served, or null before the first one loaded.</summary>
    public PolicySnapshot? Current => Volatile.Read(ref _current);

    public IPolicySource Source => _source;

    /// <summary>The last load error, while the inputs that caused it are still in place.</summary>
    public string? LastError { get; private set; }

    /// <summary>Loads the policies when their inputs changed since the last attempt. True when a new set is served.</summary>
    public bool Reload(bool force = false)
    {
        lock (_reloadLock)
        {
            string fingerprint;
            try
            {
                fingerprint = _source.Fingerprint();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Mid-update (a ConfigMap swapping its files): the next check sees the finished state.
                LogUnreadable(_logger, _source.Description, e.Message);
                return false;
            }

            if (!force && (fingerprint == _servedFingerprint || fingerprint == _rejectedFingerprint))
            {
                return false;
            }

            Bundles.Loading.LoadedPolicies loaded;
            try
            {
                loaded = _source.Load();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                _rejectedFingerprint = fingerprint;
                LastError = e.Message;
                _metrics.ReloadFailed();
                LogRejected(_logger, _source.Description, Current is null ? "nothing is served yet" : $"generation {Current.Generation} keeps serving", e.Message);
                return false;
            }

            var snapshot = new PolicySnapshot(loaded, _generation + 1);
            try
            {
                WarmUp.Run(snapshot);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Rules contain their own failures; anything else is the set's problem, found before it serves.
                loaded.Unload();
                _rejectedFingerprint = fingerprint;
                LastError = e.Message;
                _metrics.ReloadFailed();
                LogRejected(_logger, _source.Description, "the new set failed its warm-up", e.Message);
                return false;
            }

            _generation++;
            var previous = Interlocked.Exchange(ref _current, snapshot);
            _servedFingerprint = fingerprint;
            _rejectedFingerprint = null;
            LastError = null;
            _metrics.Loaded(snapshot, reload: previous is not null);
            LogLoaded(_logger, snapshot.Generation, loaded.Origin, loaded.PolicyCount, loaded.RuleCount, loaded.Digest);
            if (snapshot.CrossObjectRules.Count > 0)
            {
                LogCrossObject(_logger, snapshot.CrossObjectRules.Count, string.Join(", ", snapshot.CrossObjectRules));
            }

            // Requests still running on the old set keep its assembly alive until they finish.
            previous?.Policies.Unload();
            return true;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "policies loaded: generation {Generation} from {Origin}, {Policies} policies, {Rules} rules, digest {Digest}")]
    private static partial void LogLoaded(ILogger logger, long generation, string origin, int policies, int rules, string digest);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Count} cross-object rules are not evaluated at admission (a review holds one object): {Rules}")]
    private static partial void LogCrossObject(ILogger logger, int count, string rules);

    [LoggerMessage(Level = LogLevel.Error, Message = "new policies from {Source} rejected ({State}): {Error}")]
    private static partial void LogRejected(ILogger logger, string source, string state, string error);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Source} cannot be read right now: {Error}")]
    private static partial void LogUnreadable(ILogger logger, string source, string error);
}
