// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Bundles.Bindings;

/// <summary>
/// How far a policy's findings may go. <c>deny</c> keeps every action as written; <c>warn</c> turns denials into
/// warnings; <c>audit</c> turns denials and warnings into audit records. Mutations are not affected.
/// </summary>
public enum Enforcement
{
    Deny,
    Warn,
    Audit,
}
