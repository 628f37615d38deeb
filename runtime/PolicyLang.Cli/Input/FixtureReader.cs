// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Cli.Testing;
using PolicyLang.Compiler.Bound;
using PolicyLang.Runtime.Adapters;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Cli.Input;

/// <summary>
/// Reads test fixtures: a file relative to the test's policy file, or inline text. Manifest fixtures are detected
/// (so Lists and AdmissionReviews work); the other kinds are read as the kind the test names.
/// </summary>
internal sealed class FixtureReader : IFixtureReader
{
    public IEnumerable<InputItem> Read(BoundFixture fixture, string baseDirectory)
    {
        SubjectKind? forced = fixture.Subject switch
        {
            "admission" => SubjectKind.Admission,
            "image" => SubjectKind.Image,
            "event" => SubjectKind.Event,
            "host" => SubjectKind.Host,
            _ => null,
        };
        var reader = new InputReader(new InputReaderOptions { Subject = forced });
        if (fixture.File is { } file)
        {
            var path = Path.IsPathRooted(file) ? file : Path.Combine(baseDirectory, file);
            return reader.Read(Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path))).ToArray();
        }

        var line = fixture.Tree.Source.GetLinePosition(fixture.Span.Start).Line + 1;
        var name = $"{fixture.Tree.Source.Path}:{line} (inline {fixture.Subject})";
        return reader.ReadText(fixture.Inline ?? string.Empty, name).ToArray();
    }
}
