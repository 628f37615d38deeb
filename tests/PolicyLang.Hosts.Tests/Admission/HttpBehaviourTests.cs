// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Net;
using System.Text.Json.Nodes;
using PolicyLang.Hosts.Tests.Support;

namespace PolicyLang.Hosts.Tests.Admission;

/// <summary>Limits, malformed requests, health, readiness and metrics over HTTPS.</summary>
public sealed class HttpBehaviourTests : IClassFixture<StandardHostFixture>
{
    private readonly HostHarness _host;

    public HttpBehaviourTests(StandardHostFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task Malformed_json_is_a_400_with_a_message()
    {
        var (status, _, text) = await _host.PostAsync("/validate", """{"apiVersion": "admission.k8s.io/v1", "kind": """);

        status.ShouldBe(HttpStatusCode.BadRequest);
        text.ShouldStartWith("malformed JSON:");
    }

    [Theory]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1beta1", "kind": "AdmissionReview", "request": {"uid": "1"}}""", "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion admission.k8s.io/v1beta1 and kind AdmissionReview")]
    [InlineData("""{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}}""", "expected apiVersion admission.k8s.io/v1 and kind AdmissionReview, got apiVersion v1 and kind Pod")]
    [InlineData("""{"apiVersion": "admission.k8s.io/v1", "kind": "AdmissionReview"}""", "invalid AdmissionReview: ")]
    [InlineData("""[1, 2]""", "the request body is not a JSON object")]
    [InlineData("", "the request body is empty")]
    public async Task Wrong_api_version_kind_or_shape_is_a_400_with_a_message(string body, string message)
    {
        var (status, _, text) = await _host.PostAsync("/validate", body);

        status.ShouldBe(HttpStatusCode.BadRequest);
        text.ShouldStartWith(message);
    }

    [Fact]
    public async Task A_body_over_the_cap_is_a_413_with_a_message()
    {
        var pod = Reviews.GoodPod();
        pod["metadata"]!["annotations"] = new JsonObject { ["padding"] = new string('x', 300 * 1024) };

        var (status, _, text) = await _host.PostAsync("/validate", Reviews.Review("CREATE", pod));

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        text.ShouldContain("larger than the 262144 bytes this webhook accepts");
    }

    [Fact]
    public async Task A_body_over_the_cap_without_a_length_is_a_413_too()
    {
        var pod = Reviews.GoodPod();
        pod["metadata"]!["annotations"] = new JsonObject { ["padding"] = new string('x', 300 * 1024) };
        using var content = new StreamContent(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(Reviews.Review("CREATE", pod))));
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/validate", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await _host.Client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task Health_readiness_and_metrics_answer()
    {
        await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod()));
        await _host.PostAsync("/validate", "{");

        (await _host.Client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).ShouldBe("ok\n");
        (await _host.Client.GetStringAsync(new Uri("/readyz", UriKind.Relative))).ShouldStartWith("ready: generation 1, 3 policies, 10 rules");
        var metrics = await _host.MetricsAsync();
        metrics.ShouldContain("# TYPE policylang_admission_requests_total counter");
        metrics.ShouldContain("policylang_admission_requests_total{endpoint=\"validate\",operation=\"CREATE\",decision=\"denied\",kind=\"Pod\"}");
        metrics.ShouldContain("# TYPE policylang_admission_request_duration_seconds histogram");
        metrics.ShouldContain("policylang_admission_request_duration_seconds_bucket{endpoint=\"validate\",le=\"+Inf\"}");
        metrics.ShouldContain("policylang_admission_rejected_requests_total{reason=\"malformed\"}");
        metrics.ShouldContain("policylang_policies 3");
        metrics.ShouldContain("policylang_rules 10");
        metrics.ShouldContain("policylang_bundle_reloads_total 0");
        metrics.ShouldContain("policylang_bundle_reload_failures_total 0");
    }

    [Fact]
    public async Task Metrics_are_valid_prometheus_text_with_every_family_of_the_issue()
    {
        await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.PrivilegedPod()));
        await _host.ReviewAsync("/validate", Reviews.Review("CREATE", Reviews.GoodPod()));
        await _host.ReviewAsync("/mutate", Reviews.Review("CREATE", Reviews.GoodPod()));
        using var response = await _host.Client.GetAsync(new Uri("/metrics", UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();

        response.Content.Headers.ContentType?.ToString().ShouldBe("text/plain; version=0.0.4; charset=utf-8");
        var samples = PrometheusText.Parse(text);
        samples.Keys.ShouldContain(k => k.StartsWith("policylang_admission_requests_total{endpoint=\"validate\",operation=\"CREATE\",decision=\"denied\",kind=\"Pod\"}", StringComparison.Ordinal));
        samples.Keys.ShouldContain(k => k.StartsWith("policylang_admission_requests_total{endpoint=\"mutate\",operation=\"CREATE\",decision=\"mutated\",kind=\"Pod\"}", StringComparison.Ordinal));
        samples["policylang_admission_request_duration_seconds_count{endpoint=\"validate\"}"].ShouldBeGreaterThanOrEqualTo(2);
        samples["policylang_policies"].ShouldBe(3);
        samples["policylang_rules"].ShouldBe(10);
        samples.ShouldContainKey("policylang_bundle_reloads_total");
        samples.ShouldContainKey("policylang_bundle_reload_failures_total");
        text.ShouldContain("# TYPE policylang_rule_evaluation_errors_total counter\n");
        text.ShouldContain("# TYPE policylang_admission_failures_total counter\n");
    }

    [Fact]
    public async Task Plain_http_is_not_served_on_the_https_port()
    {
        using var plain = new HttpClient { BaseAddress = new Uri(_host.Client.BaseAddress!.ToString().Replace("https://", "http://", StringComparison.Ordinal)) };

        await Should.ThrowAsync<HttpRequestException>(() => plain.GetStringAsync(new Uri("/healthz", UriKind.Relative)));
    }

    [Fact]
    public async Task Only_post_is_accepted_on_the_webhook_paths()
    {
        using var response = await _host.Client.GetAsync(new Uri("/validate", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
    }
}
