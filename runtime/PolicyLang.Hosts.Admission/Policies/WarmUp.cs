// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;
using PolicyLang.Hosts.Admission.Admission;

namespace PolicyLang.Hosts.Admission.Policies;

/// <summary>
/// Runs a new policy set once on synthetic reviews before it serves, so the just-in-time compilation of its rules
/// happens off the request path (the first real request after a load or swap is as fast as the others).
/// </summary>
internal static class WarmUp
{
    private const string Pod = """
        {"apiVersion":"admission.k8s.io/v1","kind":"AdmissionReview","request":{"uid":"policylang-warm-up","kind":{"group":"","version":"v1","kind":"Pod"},
        "resource":{"group":"","version":"v1","resource":"pods"},"name":"warm-up","namespace":"policylang-warm-up","operation":"CREATE",
        "userInfo":{"username":"policylang:warm-up","groups":["system:authenticated"]},"dryRun":true,
        "object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"warm-up","namespace":"policylang-warm-up","labels":{"app":"warm-up"}},
        "spec":{"securityContext":{"runAsNonRoot":true},"initContainers":[{"name":"init","image":"registry.example/init:1.0"}],
        "containers":[{"name":"main","image":"registry.example/app:1.0","securityContext":{"privileged":false,"allowPrivilegeEscalation":false,
        "capabilities":{"drop":["ALL"]}},"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"100m","memory":"128Mi"}},
        "ports":[{"containerPort":8080}]}],"volumes":[{"name":"data","emptyDir":{}}]}}}}
        """;

    public static void Run(PolicySnapshot snapshot)
    {
        var review = new AdmissionReviewReader().Read(Encoding.UTF8.GetBytes(Pod), out _, out _);
        if (review is null)
        {
            return;
        }

        // Bounded: a rule that loops on this pod is cancelled like on any review.
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        for (var i = 0; i < 2; i++)
        {
            snapshot.Validation.EvaluateAdmission(review, null, deadline.Token);
            snapshot.Mutation.EvaluateAdmission(review, null, deadline.Token);
        }
    }
}
