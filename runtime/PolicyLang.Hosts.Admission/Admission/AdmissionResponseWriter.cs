// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Buffers;
using System.Text.Json;

namespace PolicyLang.Hosts.Admission.Admission;

/// <summary>Writes a decision as an <c>admission.k8s.io/v1</c> AdmissionReview response.</summary>
public static class AdmissionResponseWriter
{
    public static void Write(IBufferWriter<byte> output, AdmissionDecision decision)
    {
        using var json = new Utf8JsonWriter(output);
        json.WriteStartObject();
        json.WriteString("apiVersion", AdmissionReviewReader.ApiVersion);
        json.WriteString("kind", "AdmissionReview");
        json.WriteStartObject("response");
        json.WriteString("uid", decision.Uid);
        json.WriteBoolean("allowed", decision.Allowed);
        if (!decision.Allowed)
        {
            json.WriteStartObject("status");
            json.WriteNumber("code", decision.Code);
            json.WriteString("reason", decision.Code == 403 ? "Forbidden" : "InternalError");
            json.WriteString("message", decision.Message ?? "denied by PolicyLang");
            json.WriteEndObject();
        }

        if (decision.Warnings.Count > 0)
        {
            json.WriteStartArray("warnings");
            foreach (var warning in decision.Warnings)
            {
                json.WriteStringValue(warning);
            }

            json.WriteEndArray();
        }

        if (decision.AuditAnnotations.Count > 0)
        {
            json.WriteStartObject("auditAnnotations");
            foreach (var (key, value) in decision.AuditAnnotations)
            {
                json.WriteString(key, value);
            }

            json.WriteEndObject();
        }

        if (decision.Patch is { } patch)
        {
            json.WriteString("patchType", "JSONPatch");
            json.WriteBase64String("patch", patch);
        }

        json.WriteEndObject();
        json.WriteEndObject();
    }

    public static byte[] ToBytes(AdmissionDecision decision)
    {
        var buffer = new ArrayBufferWriter<byte>(512);
        Write(buffer, decision);
        return buffer.WrittenSpan.ToArray();
    }
}
