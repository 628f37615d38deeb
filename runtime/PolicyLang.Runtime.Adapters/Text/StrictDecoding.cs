// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Text;

namespace PolicyLang.Runtime.Adapters.Text;

/// <summary>
/// Opens a byte stream as text that refuses what is not text: UTF-8, or UTF-16/UTF-32 when the stream starts with their
/// byte order mark (detected here as <see cref="StreamReader"/> would, whose own detection swaps in the lenient
/// encodings and turns invalid bytes into U+FFFD silently). Bytes that do not decode become U+FFFF, a noncharacter that
/// YAML and JSON text never holds, so that <see cref="LineReader"/> can refuse them at the exact place.
/// </summary>
internal static class StrictDecoding
{
    private const string InvalidByteMarker = "\uFFFF";

    /// <summary>A reader over the stream (left open); <paramref name="detectByteOrderMark"/> false reads UTF-8 and keeps a leading EF BB BF as U+FEFF.</summary>
    public static StreamReader Open(Stream stream, bool detectByteOrderMark)
    {
        var (encoding, skip, head) = detectByteOrderMark ? Detect(stream) : (Strict(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), 0, []);
        var text = head.Length > skip ? new ReplayStream(head[skip..], stream) : stream;
        return new StreamReader(text, encoding, detectEncodingFromByteOrderMarks: false, bufferSize: 64 * 1024, leaveOpen: true);
    }

    /// <summary>The encoding its first bytes name, how many of them are the mark, and the bytes read to find out.</summary>
    private static (Encoding Encoding, int Skip, byte[] Head) Detect(Stream stream)
    {
        var head = new byte[4];
        var length = 0;
        while (length < head.Length && stream.Read(head, length, head.Length - length) is var read and > 0)
        {
            length += read;
        }

        var bytes = head[..length];
        ReadOnlySpan<byte> span = bytes;
        return span switch
        {
            [0xFE, 0xFF, ..] => (Strict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false)), 2, bytes),
            [0xFF, 0xFE, 0x00, 0x00] => (Strict(new UTF32Encoding(bigEndian: false, byteOrderMark: false)), 4, bytes),
            [0xFF, 0xFE, ..] => (Strict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false)), 2, bytes),
            [0xEF, 0xBB, 0xBF, ..] => (Strict(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), 3, bytes),
            [0x00, 0x00, 0xFE, 0xFF] => (Strict(new UTF32Encoding(bigEndian: true, byteOrderMark: false)), 4, bytes),
            _ => (Strict(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)), 0, bytes),
        };
    }

    private static Encoding Strict(Encoding encoding)
    {
        var strict = (Encoding)encoding.Clone();
        strict.DecoderFallback = new DecoderReplacementFallback(InvalidByteMarker);
        return strict;
    }
}
