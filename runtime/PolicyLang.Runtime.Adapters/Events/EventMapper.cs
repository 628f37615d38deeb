// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using PolicyLang.Runtime.Adapters.Binding;
using PolicyLang.Runtime.Documents;
using PolicyLang.Runtime.Subjects;

namespace PolicyLang.Runtime.Adapters.Events;

/// <summary>Reads one event document in whichever format it is: Falco alert, Tetragon export, or PolicyLang's own.</summary>
internal static class EventMapper
{
    /// <summary>True when a document is recognisably a sensor's event (Falco or Tetragon), without being told so.</summary>
    public static bool IsSensorEvent(DocMap root) => FalcoEventMapper.Matches(root) || TetragonEventMapper.EventMember(root) is not null;

    /// <summary>The event, or null with a notice (an event kind PolicyLang does not judge) or errors in <paramref name="r"/>.</summary>
    public static RuntimeEvent? Read(DocMap root, SourceDocument source, FieldReader r, out string? skipped)
    {
        skipped = null;
        EventDraft draft;
        if (FalcoEventMapper.Matches(root))
        {
            draft = FalcoEventMapper.Read(root, r);
        }
        else if (TetragonEventMapper.EventMember(root) is { } member)
        {
            if (!TetragonEventMapper.IsSupported(member.Key))
            {
                skipped = $"Tetragon '{member.Key}' events are not runtime events PolicyLang judges (process_exec, process_kprobe, process_lsm and process_tracepoint are)";
                return null;
            }

            draft = TetragonEventMapper.Read(root, member);
        }
        else
        {
            draft = NativeEventMapper.Read(root, r);
        }

        return r.HasErrors ? null : draft.ToEvent(source);
    }
}
