// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Evaluation;
using PolicyLang.Runtime.Findings;

namespace PolicyLang.Cli.Output;

/// <summary>
/// Something a run reports that is not a finding: an input that could not be read (error), a problem in the run's
/// configuration such as an exceptions file (warning), or a document skipped on purpose (notice).
/// </summary>
/// <param name="Level">Error, warning or notice.</param>
/// <param name="Message">The message; it names the file when <paramref name="Location"/> is null.</param>
/// <param name="Location">The place, when known.</param>
/// <param name="AboutConfiguration">True for problems in the run's own files (bindings, exceptions), not in the inputs.</param>
internal sealed record ReportMessage(InputMessageLevel Level, string Message, SourceLocation? Location, bool AboutConfiguration = false)
{
    public static ReportMessage From(InputMessage message)
    {
        var error = message.ToInputError();
        return new ReportMessage(message.Level, error.Message, error.Location);
    }

    public InputError ToInputError() => new(Message, Location);

    public string LevelName => Level switch
    {
        InputMessageLevel.Error => "error",
        InputMessageLevel.Warning => "warning",
        _ => "notice",
    };

    /// <summary>One line for people: <c>place: level: message</c>.</summary>
    public override string ToString() => (Location is null ? string.Empty : Location + ": ") + LevelName + ": " + Message;
}
