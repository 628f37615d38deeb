// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Binding;

/// <summary>Reads an <c>admission.k8s.io/v1</c> AdmissionReview into an admission subject.</summary>
internal static class AdmissionMapper
{
    private const string Request = "/request";

    /// <summary>True for <c>apiVersion: admission.k8s.io/v1</c> (or v1beta1) and <c>kind: AdmissionReview</c>.</summary>
    public static bool IsAdmissionReview(DocMap root) =>
        (root["kind"] as DocScalar)?.Text == "AdmissionReview"
        && (root["apiVersion"] as DocScalar)?.Text is "admission.k8s.io/v1" or "admission.k8s.io/v1beta1";

    public static AdmissionSubject? Read(DocMap root, SourceDocument source, FieldReader r)
    {
        var requestNode = root["request"];
        if (requestNode is null or DocScalar { IsNull: true })
        {
            r.Error(requestNode ?? root, "/request", "the AdmissionReview has no request");
            return null;
        }

        if (r.Map(requestNode, Request) is not { } request)
        {
            return null;
        }

        var kind = r.Map(request, "kind", Request);
        var resource = r.Map(request, "resource", Request);
        var userInfo = r.Map(request, "userInfo", Request);
        var extra = r.Map(userInfo, "extra", "/request/userInfo");
        var admission = new AdmissionSubject
        {
            Uid = r.String(request, "uid", Request),
            Operation = r.String(request, "operation", Request),
            Kind = new GroupVersionKind
            {
                Group = r.String(kind, "group", "/request/kind"),
                Version = r.String(kind, "version", "/request/kind"),
                Kind = r.String(kind, "kind", "/request/kind"),
            },
            Resource = new GroupVersionResource
            {
                Group = r.String(resource, "group", "/request/resource"),
                Version = r.String(resource, "version", "/request/resource"),
                Resource = r.String(resource, "resource", "/request/resource"),
            },
            SubResource = r.String(request, "subResource", Request),
            Name = r.String(request, "name", Request),
            Namespace = r.String(request, "namespace", Request),
            UserInfo = new AdmissionUserInfo
            {
                Username = r.String(userInfo, "username", "/request/userInfo"),
                Uid = r.String(userInfo, "uid", "/request/userInfo"),
                Groups = userInfo?["groups"] is null ? null : r.Strings(userInfo, "groups", "/request/userInfo"),
                Extra = extra?.Entries.ToDictionary(
                    e => e.Key,
                    e => (IList<string>)r.Strings(extra, e.Key, "/request/userInfo/extra"),
                    StringComparer.Ordinal),
            },
            Object = r.Map(request, "object", Request) is { } obj ? new ManifestSubject(obj, source) : null,
            OldObject = r.Map(request, "oldObject", Request) is { } old ? new ManifestSubject(old, source) : null,
            DryRun = r.Boolean(request, "dryRun", Request),
            Options = request["options"] is DocScalar { IsNull: true } ? null : request["options"],
            Root = root,
            Source = source,
        };
        return r.HasErrors ? null : admission;
    }
}
