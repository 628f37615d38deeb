// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections.Concurrent;
using System.Net;
using System.Text.Json.Nodes;

namespace PolicyLang.Hosts.Tests.Support;

/// <summary>
/// A few clients posting reviews to a host back to back until stopped, for changes made under traffic. Anything but a
/// 200 AdmissionReview with a decision is a failure; each answer is sorted by <c>classify</c> so a test can see which
/// policy sets answered.
/// </summary>
internal sealed class ReviewLoad
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _clients;
    private int _requests;

    private ReviewLoad(HostHarness host, string path, Func<string> review, Func<JsonObject, string> classify, int clients)
    {
        _clients = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var (status, body, text) = await host.PostAsync(path, review()).ConfigureAwait(false);
                    Interlocked.Increment(ref _requests);
                    if (status != HttpStatusCode.OK || body?["response"] is not JsonObject response || response["allowed"] is null)
                    {
                        Failures.Enqueue($"{status}: {text}");
                        continue;
                    }

                    Answers.AddOrUpdate(classify(response), 1, (_, n) => n + 1);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    Failures.Enqueue(e.ToString());
                }
            }
        })).ToArray();
    }

    /// <summary>Requests answered so far (failed ones included).</summary>
    public int Requests => Volatile.Read(ref _requests);

    public ConcurrentQueue<string> Failures { get; } = new();

    /// <summary>How many answers fell in each class.</summary>
    public ConcurrentDictionary<string, int> Answers { get; } = new(StringComparer.Ordinal);

    public static ReviewLoad Start(HostHarness host, string path, Func<string> review, Func<JsonObject, string> classify, int clients = 4) =>
        new(host, path, review, classify, clients);

    /// <summary>Waits until <paramref name="count"/> more requests have been answered, so a state is seen under traffic.</summary>
    public async Task SeeMoreAsync(int count)
    {
        var target = Requests + count;
        (await Eventually.WaitAsync(() => Requests >= target)).ShouldBeTrue($"only {Requests} of {target} requests were answered");
    }

    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_clients).ConfigureAwait(false);
        _stop.Dispose();
    }
}
