// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Globalization;
using System.Text;

namespace PolicyLang.Hosts.Load;

/// <summary>
/// The reviews the load sends: CREATE of a realistic ReplicaSet-owned pod, compliant with the restricted Pod Security
/// Standard and the best practices, and one in <see cref="DenyEvery"/> made privileged (denied).
/// </summary>
public static class LoadReviews
{
    /// <summary>Every n-th review is denied.</summary>
    public const int DenyEvery = 4;

    public static bool IsDenied(int index) => index % DenyEvery == 0;

    /// <summary>The uid of review <paramref name="index"/> (echoed in its answer).</summary>
    public static string Uid(int index) => "load-" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>The body of review <paramref name="index"/>.</summary>
    public static byte[] Body(int index)
    {
        var i = index.ToString(CultureInfo.InvariantCulture);
        var deny = IsDenied(index) ? "true" : "false";
        return Encoding.UTF8.GetBytes(
            "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{\"uid\":\"" + Uid(index) + "\","
            + "\"kind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Pod\"},\"resource\":{\"group\":\"\",\"version\":\"v1\",\"resource\":\"pods\"},"
            + "\"name\":\"web-" + i + "\",\"namespace\":\"shop\",\"operation\":\"CREATE\","
            + "\"userInfo\":{\"username\":\"system:serviceaccount:kube-system:replicaset-controller\",\"groups\":[\"system:serviceaccounts\",\"system:authenticated\"]},"
            + "\"object\":{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-" + i + "\",\"namespace\":\"shop\","
            + "\"labels\":{\"app.kubernetes.io/name\":\"web\",\"pod-template-hash\":\"5d8f7c9b4\"},"
            + "\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"ReplicaSet\",\"name\":\"web-5d8f7c9b4\",\"uid\":\"6f1c\",\"controller\":true}]},"
            + "\"spec\":{\"automountServiceAccountToken\":false,\"securityContext\":{\"runAsNonRoot\":true,\"runAsUser\":1000,\"seccompProfile\":{\"type\":\"RuntimeDefault\"}},"
            + "\"containers\":[{\"name\":\"app\",\"image\":\"ghcr.io/shop/web:1.4.2\",\"imagePullPolicy\":\"Always\",\"ports\":[{\"name\":\"http\",\"containerPort\":8080}],"
            + "\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"128Mi\"},\"limits\":{\"memory\":\"256Mi\"}},"
            + "\"readinessProbe\":{\"httpGet\":{\"path\":\"/ready\",\"port\":8080}},\"livenessProbe\":{\"httpGet\":{\"path\":\"/live\",\"port\":8080}},"
            + "\"env\":[{\"name\":\"MODE\",\"value\":\"prod\"}],"
            + "\"securityContext\":{\"allowPrivilegeEscalation\":" + deny + ",\"readOnlyRootFilesystem\":true,\"privileged\":" + deny + ",\"capabilities\":{\"drop\":[\"ALL\"]}}}]}},"
            + "\"dryRun\":false,\"options\":{\"apiVersion\":\"meta.k8s.io/v1\",\"kind\":\"CreateOptions\"}}}");
    }
}
