// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text.Json;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>Reads a request body as an <c>admission.k8s.io/v1</c> AdmissionReview, or says precisely why it is not one.</summary>
public sealed class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";

    private readonly SubjectReader _subjects = new(SubjectKind.Admission);

    /// <summary>Reads the body. On failure <paramref name="error"/> is a message for a 400 answer and <paramref name="reason"/> a metric label.</summary>
    public AdmissionSubject? Read(ReadOnlySpan<byte> body, out string? error, out string reason)
    {
        reason = "malformed";
        if (body.Trim(" \t\r\n"u8).IsEmpty)
        {
            error = "the request body is empty: expected an admission.k8s.io/v1 AdmissionReview";
            return null;
        }

        DocNode document;
        try
        {
            document = JsonBodyReader.Read(body);
        }
        catch (JsonException e)
        {
            error = "malformed JSON: " + e.Message;
            return null;
        }

        if (document is not DocMap root)
        {
            error = "the request body is not a JSON object: expected an admission.k8s.io/v1 AdmissionReview";
            return null;
        }

        var apiVersion = (root["apiVersion"] as DocScalar)?.AsString();
        var kind = (root["kind"] as DocScalar)?.AsString();
        if (apiVersion != ApiVersion || kind != "AdmissionReview")
        {
            reason = "wrong_kind";
            error = $"expected apiVersion {ApiVersion} and kind AdmissionReview, got apiVersion {apiVersion ?? "(none)"} and kind {kind ?? "(none)"}";
            return null;
        }

        var item = _subjects.Read(new DocumentResult(new SourceDocument("request", 0, 1), root, null)).First();
        if (item.Admission is not { } admission)
        {
            error = "invalid AdmissionReview: " + (item.Message?.Text ?? "it cannot be read");
            return null;
        }

        if (string.IsNullOrEmpty(admission.Uid))
        {
            error = "invalid AdmissionReview: request.uid is missing";
            return null;
        }

        error = null;
        return admission;
    }
}
