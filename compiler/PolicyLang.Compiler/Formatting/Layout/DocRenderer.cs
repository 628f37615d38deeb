// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Compiler.Formatting.Layout;

/// <summary>
/// Lays out a <see cref="Doc"/> within a line width (the Prettier algorithm: a group is flat when it and the text up
/// to the next possible break fit in the rest of the line). Iterative, so deep documents cannot overflow the stack.
/// Output uses LF line breaks and has no trailing spaces except inside verbatim text.
/// </summary>
internal sealed class DocRenderer
{
    private readonly int _indentSize;
    private readonly int _width;
    private readonly StringBuilder _output = new();
    private readonly List<string> _lineSuffixes = [];
    private readonly List<Command> _commands = [];
    private int _column;
    private int _protectedLength;

    private DocRenderer(int indentSize, int width)
    {
        _indentSize = indentSize;
        _width = width;
    }

    private enum Mode
    {
        Break,
        Flat,
    }

    public static string Render(Doc doc, int indentSize, int width)
    {
        var renderer = new DocRenderer(indentSize, width);
        renderer.Run(doc);
        return renderer._output.ToString();
    }

    private void Run(Doc doc)
    {
        _commands.Add(new Command(0, Mode.Break, doc));
        while (_commands.Count > 0)
        {
            var command = Pop(_commands);
            Process(command);
        }

        foreach (var suffix in _lineSuffixes)
        {
            Append(suffix, isVerbatim: true);
        }

        _lineSuffixes.Clear();
        TrimTrailingSpaces();
    }

    private void Process(Command command)
    {
        var (indent, mode, doc) = command;
        switch (doc)
        {
            case TextDoc text:
                Append(text.Value, text.IsVerbatim);
                break;
            case ConcatDoc concat:
                for (var i = concat.Parts.Count - 1; i >= 0; i--)
                {
                    _commands.Add(new Command(indent, mode, concat.Parts[i]));
                }

                break;
            case IndentDoc indented:
                _commands.Add(new Command(indent + 1, mode, indented.Content));
                break;
            case GroupDoc group:
                var flat = new Command(indent, Mode.Flat, group.Content);
                var fitsFlat = !group.HasForcedBreak && (mode == Mode.Flat || Fits(flat, _commands, _width - _column, mustBeFlat: false));
                _commands.Add(fitsFlat ? flat : new Command(indent, Mode.Break, group.Content));
                break;
            case FlatDoc flatDoc:
                _commands.Add(new Command(indent, Mode.Flat, flatDoc.Content));
                break;
            case FillDoc fill when mode == Mode.Flat:
                for (var i = fill.Count - 1; i >= 0; i--)
                {
                    _commands.Add(new Command(indent, mode, fill[i]));
                }

                break;
            case FillDoc fill:
                ProcessFill(indent, mode, fill);
                break;
            case IfBreakDoc ifBreak:
                _commands.Add(new Command(indent, mode, mode == Mode.Break ? ifBreak.WhenBroken : ifBreak.WhenFlat));
                break;
            case LineSuffixDoc suffix:
                _lineSuffixes.Add(suffix.Value);
                break;
            case LineDoc line when mode == Mode.Flat:
                if (!line.IsSoft)
                {
                    Append(" ", isVerbatim: false);
                }

                break;
            case FreshLineDoc when _lineSuffixes.Count == 0 && AtLineStart():
                TrimTrailingSpaces();
                _output.Append(' ', indent * _indentSize);
                _column = indent * _indentSize;
                break;
            case LineDoc or HardLineDoc or FreshLineDoc:
                if (_lineSuffixes.Count > 0)
                {
                    // Print held-back trailing comments before the break, without a separating space on an empty line;
                    // a comment after a line comment goes on the next line.
                    _commands.Add(command);
                    var atLineStart = AtLineStart();
                    if (!atLineStart)
                    {
                        TrimTrailingSpaces();
                    }

                    for (var i = _lineSuffixes.Count - 1; i >= 0; i--)
                    {
                        var suffix = _lineSuffixes[i];
                        var afterLineComment = i > 0 && IsLineComment(_lineSuffixes[i - 1]);
                        var text = Doc.Verbatim(afterLineComment || (i == 0 && atLineStart) ? suffix.TrimStart() : suffix);
                        _commands.Add(new Command(indent, mode, afterLineComment ? Doc.Concat(Doc.HardLine, text) : text));
                    }

                    _lineSuffixes.Clear();
                    break;
                }

                NewLine(indent);
                break;
        }
    }

    private void ProcessFill(int indent, Mode mode, FillDoc fill)
    {
        if (fill.Count == 0)
        {
            return;
        }

        var remaining = _width - _column;
        var content = fill[0];
        var contentFlat = new Command(indent, Mode.Flat, content);
        var contentBreak = new Command(indent, Mode.Break, content);
        if (fill.Count == 1)
        {
            // The last content also has to leave room for what follows the fill on its line.
            _commands.Add(!content.HasForcedBreak && Fits(contentFlat, _commands, remaining, mustBeFlat: false) ? contentFlat : contentBreak);
            return;
        }

        var contentFits = Fits(contentFlat, [], remaining, mustBeFlat: true);
        var separator = fill[1];
        var separatorFlat = new Command(indent, Mode.Flat, separator);
        var separatorBreak = new Command(indent, Mode.Break, separator);
        if (fill.Count == 2)
        {
            _commands.Add(contentFits ? separatorFlat : separatorBreak);
            _commands.Add(contentFits ? contentFlat : contentBreak);
            return;
        }

        var rest = fill.Rest();
        var pairFlat = new Command(indent, Mode.Flat, Doc.Concat(content, separator, rest[0]));
        var pairFits = Fits(pairFlat, [], remaining, mustBeFlat: true);
        _commands.Add(new Command(indent, mode, rest));
        _commands.Add(pairFits ? separatorFlat : separatorBreak);
        _commands.Add(contentFits ? contentFlat : contentBreak);
    }

    /// <summary>Whether <paramref name="next"/> (then the commands below it, up to their first line break) fits in <paramref name="width"/>.</summary>
    private static bool Fits(Command next, List<Command> rest, int width, bool mustBeFlat)
    {
        var restIndex = rest.Count;
        var pending = new List<Command> { next };
        while (width >= 0)
        {
            if (pending.Count == 0)
            {
                if (restIndex == 0)
                {
                    return true;
                }

                pending.Add(rest[--restIndex]);
                continue;
            }

            var (indent, mode, doc) = Pop(pending);
            switch (doc)
            {
                case TextDoc text:
                    var newline = text.Value.IndexOf('\n', StringComparison.Ordinal);
                    if (newline >= 0)
                    {
                        return width - newline >= 0;
                    }

                    width -= text.Value.Length;
                    break;
                case ConcatDoc concat:
                    for (var i = concat.Parts.Count - 1; i >= 0; i--)
                    {
                        pending.Add(new Command(indent, mode, concat.Parts[i]));
                    }

                    break;
                case IndentDoc indented:
                    pending.Add(new Command(indent, mode, indented.Content));
                    break;
                case FlatDoc flatDoc:
                    pending.Add(new Command(indent, Mode.Flat, flatDoc.Content));
                    break;
                case GroupDoc group:
                    if (mustBeFlat && group.HasForcedBreak)
                    {
                        return false;
                    }

                    pending.Add(new Command(indent, group.HasForcedBreak ? Mode.Break : mode, group.Content));
                    break;
                case FillDoc fill:
                    for (var i = fill.Count - 1; i >= 0; i--)
                    {
                        pending.Add(new Command(indent, mode, fill[i]));
                    }

                    break;
                case IfBreakDoc ifBreak:
                    pending.Add(new Command(indent, mode, mode == Mode.Break ? ifBreak.WhenBroken : ifBreak.WhenFlat));
                    break;
                case LineDoc line:
                    if (mode == Mode.Break)
                    {
                        return true;
                    }

                    width -= line.IsSoft ? 0 : 1;
                    break;
                case HardLineDoc or FreshLineDoc:
                    return true;
            }
        }

        return false;
    }

    private static Command Pop(List<Command> stack)
    {
        var command = stack[^1];
        stack.RemoveAt(stack.Count - 1);
        return command;
    }

    private void Append(string text, bool isVerbatim)
    {
        _output.Append(text);
        var newline = text.LastIndexOf('\n');
        _column = newline >= 0 ? text.Length - newline - 1 : _column + text.Length;
        if (isVerbatim)
        {
            _protectedLength = _output.Length;
        }
    }

    private static bool IsLineComment(string suffix) => suffix.TrimStart().StartsWith("//", StringComparison.Ordinal);

    /// <summary>True when the current line holds nothing but indentation.</summary>
    private bool AtLineStart()
    {
        for (var i = _output.Length - 1; i >= 0; i--)
        {
            if (_output[i] == '\n')
            {
                return true;
            }

            if (_output[i] != ' ')
            {
                return false;
            }
        }

        return true;
    }

    private void NewLine(int indent)
    {
        TrimTrailingSpaces();
        _output.Append('\n');
        _output.Append(' ', indent * _indentSize);
        _column = indent * _indentSize;
    }

    private void TrimTrailingSpaces()
    {
        var end = _output.Length;
        while (end > _protectedLength && _output[end - 1] is ' ' or '\t')
        {
            end--;
        }

        _output.Length = end;
    }

    private readonly record struct Command(int Indent, Mode Mode, Doc Doc);
}
