// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Features.CodeActions;

/// <summary>The condition an "add exception" starts from, per subject: a field every subject of the kind has.</summary>
public static class ExceptionTemplates
{
    public static string ConditionFor(string subject, string variable) => subject switch
    {
        "workload" or "admission" => $"{variable}.namespace == \"kube-system\"",
        "manifest" => $"{variable}.metadata.namespace == \"kube-system\"",
        "image" => $"{variable}.reference.registry == \"registry.example.com\"",
        "event" => $"{variable}.k8s.namespace == \"kube-system\"",
        "host" => $"{variable}.role == \"controlplane\"",
        _ => "false",
    };

    public const string Reason = "TODO: say why this rule does not apply here";
}
