// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Properties;

public sealed class SmokeTests
{
    [Fact]
    public void Both_back_ends_deny_a_privileged_deployment()
    {
        const string policy = """
            package smoke

            @severity(high)
            rule no_privileged on workload w {
              for c in w.allContainers
                deny "container {c.name} is privileged" at c.securityContext.privileged
                  when c.securityContext.privileged == true
            }
            """;
        var backEnds = BackEnds.Of(policy);
        const string deployment = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","namespace":"prod"},
             "spec":{"template":{"spec":{"containers":[
               {"name":"ok","image":"nginx","securityContext":{"allowPrivilegeEscalation":false}},
               {"name":"bad","image":"nginx","securityContext":{"privileged":true}}]}}}}
            """;
        var (compiled, interpreted) = Differential.Run(backEnds, [deployment]);
        interpreted.ShouldBe(compiled);
        interpreted.ShouldHaveSingleItem().ShouldContain("/spec/template/spec/containers/1/securityContext/privileged");
    }
}
