// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Hosts.Admission.Configuration;

namespace PolicyLang.Hosts.Admission.Http;

/// <summary>
/// Bounds how many reviews are evaluated at once (<see cref="AdmissionHostOptions.MaxConcurrency"/>). A review that
/// finds every slot taken waits for one within its own deadline, then is answered by the failure mode: under
/// overload the host answers late-but-in-time or not at all, never after the API server gave up.
/// </summary>
public sealed class ConcurrencyLimiter : IDisposable
{
    private readonly SemaphoreSlim _slots;

    public ConcurrencyLimiter(AdmissionHostOptions options)
    {
        Capacity = options.MaxConcurrency;
        _slots = new SemaphoreSlim(Capacity, Capacity);
    }

    public int Capacity { get; }

    /// <summary>Slots free now.</summary>
    public int Available => _slots.CurrentCount;

    /// <summary>Takes a slot, waiting until <paramref name="deadline"/> is cancelled. False when none became free.</summary>
    public async ValueTask<bool> EnterAsync(CancellationToken deadline)
    {
        if (_slots.Wait(0))
        {
            return true;
        }

        try
        {
            await _slots.WaitAsync(deadline).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Gives back a slot taken by <see cref="EnterAsync"/>.</summary>
    public void Exit() => _slots.Release();

    public void Dispose() => _slots.Dispose();
}
