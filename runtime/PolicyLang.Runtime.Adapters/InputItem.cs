// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters;

/// <summary>
/// One thing read from the input, in input order: a subject ready to evaluate (with its source document)
/// or a message (error, warning or notice) naming the place it is about. Readers never throw for bad input;
/// they yield messages and go on.
/// </summary>
public sealed class InputItem
{
    private InputItem(InputItemKind kind, SourceDocument? source, object? subject, InputMessage? message)
    {
        Kind = kind;
        Source = source;
        Subject = subject;
        Message = message;
    }

    public InputItemKind Kind { get; }

    /// <summary>The document the item comes from, when it comes from one.</summary>
    public SourceDocument? Source { get; }

    /// <summary>The subject (ManifestSubject, AdmissionSubject, ImageSubject, RuntimeEvent or HostFacts), or null for a message.</summary>
    public object? Subject { get; }

    /// <summary>The message, or null for a subject.</summary>
    public InputMessage? Message { get; }

    public ManifestSubject? Manifest => Subject as ManifestSubject;

    public AdmissionSubject? Admission => Subject as AdmissionSubject;

    public ImageSubject? Image => Subject as ImageSubject;

    public RuntimeEvent? Event => Subject as RuntimeEvent;

    public HostFacts? Host => Subject as HostFacts;

    /// <summary>True when the item is an error message.</summary>
    public bool IsError => Message?.Level == InputMessageLevel.Error;

    public static InputItem ForManifest(ManifestSubject manifest) => new(InputItemKind.Manifest, manifest.Source, manifest, null);

    public static InputItem ForAdmission(AdmissionSubject admission) => new(InputItemKind.Admission, admission.Source, admission, null);

    public static InputItem ForImage(ImageSubject image) => new(InputItemKind.Image, image.Source, image, null);

    public static InputItem ForEvent(RuntimeEvent runtimeEvent) => new(InputItemKind.Event, runtimeEvent.SourceDocument, runtimeEvent, null);

    public static InputItem ForHost(HostFacts host) => new(InputItemKind.Host, host.Source, host, null);

    public static InputItem ForMessage(InputMessage message, SourceDocument? source = null) => new(InputItemKind.Message, source, null, message);

    public override string ToString() => Message?.ToString() ?? Kind + " " + Source;
}
