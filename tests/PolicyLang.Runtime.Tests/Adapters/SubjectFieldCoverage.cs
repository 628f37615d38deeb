// Copyright (c) PolicyLang contributors. Licensed under the Apache License 2.0.

using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;

namespace PolicyLang.Runtime.Tests.Adapters;

/// <summary>
/// Walks a subject's schema properties (those with a JSON name) and asserts that each is set: a guard that the
/// adapters read every field a subject type declares, also after someone adds one.
/// </summary>
internal static class SubjectFieldCoverage
{
    public static void AssertEveryFieldSet(object subject)
    {
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((subject, string.Empty));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var propertyPath = path + "/" + name.Name;
                var child = property.GetValue(value);
                child.ShouldNotBeNull($"{propertyPath} is not set");
                switch (child)
                {
                    case string text:
                        text.ShouldNotBeEmpty($"{propertyPath} is empty");
                        break;
                    case IDictionary dictionary:
                        dictionary.Count.ShouldBeGreaterThan(0, $"{propertyPath} is empty");
                        foreach (var item in dictionary.Values)
                        {
                            Push(item, propertyPath);
                        }

                        break;
                    case IEnumerable list:
                        var items = list.Cast<object>().ToList();
                        items.ShouldNotBeEmpty($"{propertyPath} is empty");
                        items.ForEach(item => Push(item, propertyPath));
                        break;
                    default:
                        Push(child, propertyPath);
                        break;
                }
            }
        }

        void Push(object? item, string path)
        {
            if (item is not null && item.GetType().Namespace?.StartsWith("PolicyLang", StringComparison.Ordinal) == true)
            {
                pending.Push((item, path));
            }
        }
    }
}
