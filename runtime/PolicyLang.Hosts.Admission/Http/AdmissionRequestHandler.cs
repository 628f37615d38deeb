// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;
using System.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PolicyLang.Hosts.Admission.Admission;
using PolicyLang.Hosts.Admission.Configuration;
using PolicyLang.Hosts.Admission.Logging;
using PolicyLang.Hosts.Admission.Metrics;

namespace PolicyLang.Hosts.Admission.Http;

/// <summary>
/// <c>POST /validate</c> and <c>POST /mutate</c>: body limit (413), AdmissionReview checks (400), bounded concurrency,
/// evaluation, the response, metrics and the decision log.
/// </summary>
public sealed class AdmissionRequestHandler
{
    private readonly AdmissionEvaluator _evaluator;
    private readonly AdmissionHostOptions _options;
    private readonly AdmissionMetrics _metrics;
    private readonly DecisionLogger _decisions;
    private readonly AdmissionReviewReader _reader = new();
    private readonly ConcurrencyLimiter _limiter;

    public AdmissionRequestHandler(AdmissionEvaluator evaluator, AdmissionHostOptions options, AdmissionMetrics metrics, DecisionLogger decisions, ConcurrencyLimiter limiter)
    {
        _evaluator = evaluator;
        _options = options;
        _metrics = metrics;
        _decisions = decisions;
        _limiter = limiter;
    }

    public async Task HandleAsync(HttpContext context, bool mutate)
    {
        var started = Stopwatch.GetTimestamp();
        var endpoint = mutate ? "mutate" : "validate";
        var request = context.Request;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            // The cap is enforced here, so the answer can say what it is.
            limit.MaxRequestBodySize = null;
        }

        if (request.ContentLength > _options.MaxBodyBytes)
        {
            await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "too_large", TooLarge()).ConfigureAwait(false);
            return;
        }

        using var body = new MemoryStream(request.ContentLength is { } length ? (int)length : 4096);
        var buffer = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(buffer, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (body.Length + read > _options.MaxBodyBytes)
                {
                    await RejectAsync(context, StatusCodes.Status413PayloadTooLarge, "too_large", TooLarge()).ConfigureAwait(false);
                    return;
                }

                body.Write(buffer, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }

        var review = _reader.Read(body.GetBuffer().AsSpan(0, (int)body.Length), out var error, out var reason);
        if (review is null)
        {
            await RejectAsync(context, StatusCodes.Status400BadRequest, reason, error ?? "invalid AdmissionReview").ConfigureAwait(false);
            return;
        }

        // One budget for waiting for a slot and evaluating: the answer always comes within the deadline.
        using var deadline = new CancellationTokenSource(_options.Deadline);
        _metrics.EnterRequest();
        AdmissionDecision decision;
        try
        {
            if (await _limiter.EnterAsync(deadline.Token).ConfigureAwait(false))
            {
                try
                {
                    decision = _evaluator.Evaluate(review, mutate, deadline.Token);
                }
                finally
                {
                    _limiter.Exit();
                }
            }
            else
            {
                decision = _evaluator.FailureAnswer(review.Uid ?? string.Empty, "overloaded", $"all {_limiter.Capacity} evaluation slots stayed busy until the deadline");
            }
        }
        finally
        {
            _metrics.LeaveRequest();
        }

        var response = new ArrayBufferWriter<byte>(512);
        AdmissionResponseWriter.Write(response, decision);

        // Counted and logged before the answer leaves: whoever has the answer finds it in the metrics and the log.
        var elapsed = Stopwatch.GetElapsedTime(started);
        _metrics.Request(endpoint, review.Operation, decision.Outcome, review.Kind.Kind, elapsed);
        _decisions.Log(endpoint, review, decision, elapsed);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = response.WrittenCount;
        await context.Response.Body.WriteAsync(response.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
    }

    private string TooLarge() => $"the request body is larger than the {_options.MaxBodyBytes} bytes this webhook accepts";

    private async Task RejectAsync(HttpContext context, int status, string reason, string message)
    {
        _metrics.Rejected(reason);
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        if (status == StatusCodes.Status413PayloadTooLarge)
        {
            // The rest of the body is not read: close the connection rather than drain it.
            context.Response.Headers.Connection = "close";
        }

        await context.Response.WriteAsync(message + "\n", context.RequestAborted).ConfigureAwait(false);
    }
}
