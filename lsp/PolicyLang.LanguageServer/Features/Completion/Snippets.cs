// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.LanguageServer.Features.Completion;

/// <summary>The snippets and keywords offered per context (LSP snippet syntax: <c>$1</c>, <c>${1:default}</c>, <c>${1|a,b|}</c>).</summary>
public static class Snippets
{
    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> Declarations =
    [
        ("rule", "rule on a subject", "/// ${1:What the rule checks and why.}\n@severity(${2|info,low,medium,high,critical|})\nrule ${3:name} on ${4|workload,manifest,admission,image,event,host|} ${5:w} {\n  $0\n}"),
        ("func", "function", "func ${1:name}(${2:value}: ${3:string}): ${4:bool} = $0"),
        ("list", "named list", "list ${1:name} = [$0]"),
        ("const", "named constant", "const ${1:name} = $0"),
        ("param", "policy parameter", "/// ${1:What the parameter sets.}\nparam ${2:name}: ${3:string} = $0"),
        ("test", "test block", "test \"${1:what it checks}\" {\n  given manifest \"\"\"\n    $2\n    \"\"\"\n  expect ${3|deny,warn,audit,no deny,no finding|} $0\n}"),
        ("import", "import a package", "import ${1:package}"),
        ("package", "package declaration", "package ${1:name}"),
    ];

    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> Statements =
    [
        ("for", "loop over a collection", "for ${1:c} in ${2:w.allContainers}\n  $0"),
        ("let", "name a value", "let ${1:name} = $0"),
        ("if", "conditional statement", "if ${1:condition} {\n  $0\n}"),
        ("deny", "finding that refuses the subject", "deny \"${1:message}\" at ${2:field} when ${3:condition}"),
        ("warn", "finding that warns", "warn \"${1:message}\" at ${2:field} when ${3:condition}"),
        ("audit", "finding that is recorded", "audit \"${1:message}\" when ${2:condition}"),
        ("alert", "runtime detection (event rules)", "alert \"${1:message}\" when ${2:condition}"),
        ("mutate set", "JSON patch: set a field", "mutate set ${1:field} = ${2:value} when ${3:condition}"),
        ("mutate remove", "JSON patch: remove a field", "mutate remove ${1:field} when ${2:condition}"),
    ];

    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> RuleClauses =
    [
        ("match", "narrow the rule's scope", "match ${1|kinds,namespaces,names,labels,operations|} ${2:[\"$3\"]}"),
        ("exclude", "remove from the rule's scope", "exclude ${1|kinds,namespaces,names,labels,operations|} ${2:[\"$3\"]}"),
        ("except when", "exception with a reason (findings are reported as skipped)", "except when ${1:condition} because \"${2:reason}\""),
        ("when", "the rule applies only when", "when ${1:condition}"),
    ];

    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> TestStatements =
    [
        ("given", "fixture", "given ${1|manifest,admission,image,event,host|} from \"${2:fixtures/file.yaml}\""),
        ("with", "set a parameter", "with ${1:parameter} = $0"),
        ("expect", "expectation", "expect ${1|deny,warn,audit,alert,mutate,error,finding,no deny,no finding|} $0"),
    ];

    public static readonly IReadOnlyList<(string Label, string Detail, string Body)> Expressions =
    [
        ("any", "true when some element satisfies the condition", "any(${1:x} in ${2:collection}: ${3:condition})"),
        ("all", "true when every element satisfies the condition", "all(${1:x} in ${2:collection}: ${3:condition})"),
        ("count", "the number of elements that satisfy the condition", "count(${1:x} in ${2:collection}: ${3:condition})"),
        ("if", "conditional expression", "if ${1:condition} then ${2:value} else ${3:other}"),
    ];

    public static readonly IReadOnlyList<string> ValueKeywords = ["true", "false", "null", "not", "and", "or", "in"];
}
