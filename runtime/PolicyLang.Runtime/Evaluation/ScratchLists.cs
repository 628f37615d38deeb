// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

namespace PolicyLang.Runtime.Evaluation;

/// <summary>
/// Lists that a running rule builds and drops (the results of list comprehensions), reused from one rule run to the
/// next so that a comprehension on the hot path allocates nothing once warm. A list is handed out for the rest of
/// the rule run: nothing a rule builds outlives the run except its findings' strings and the values of mutate
/// statements, so rules that mutate are given fresh lists (<see cref="EvaluationContext.ScratchList{T}"/>). Bounded:
/// past <see cref="MaxPerRun"/> lists per run, or for a list that grew past <see cref="MaxKeptCapacity"/>, it
/// allocates as before instead of keeping memory.
/// </summary>
internal sealed class ScratchLists
{
    internal const int MaxPerRun = 256;
    internal const int MaxKeptCapacity = 4096;

    private object?[] _pools = [];
    private int _run;

    /// <summary>Starts a rule run: every list handed out before is free again.</summary>
    public void NextRun() => _run++;

    public List<T> Rent<T>()
    {
        var slot = Slot<T>.Index;
        if (slot >= _pools.Length)
        {
            Array.Resize(ref _pools, Math.Max(slot + 1, _pools.Length * 2));
        }

        var pool = _pools[slot] as Pool<T> ?? (Pool<T>)(_pools[slot] = new Pool<T>());
        return pool.Rent(_run);
    }

    private static class Slots
    {
        private static int _next = -1;

        public static int Next() => Interlocked.Increment(ref _next);
    }

    private static class Slot<T>
    {
        public static readonly int Index = Slots.Next();
    }

    private sealed class Pool<T>
    {
        private readonly List<List<T>> _lists = [];
        private int _used;
        private int _run = -1;

        public List<T> Rent(int run)
        {
            if (run != _run)
            {
                _run = run;
                _used = 0;
            }

            if (_used >= MaxPerRun)
            {
                return [];
            }

            if (_used == _lists.Count)
            {
                _lists.Add([]);
            }

            var list = _lists[_used];
            if (list.Capacity > MaxKeptCapacity)
            {
                list = _lists[_used] = [];
            }

            _used++;
            list.Clear();
            return list;
        }
    }
}
