using System.Text.Json.Serialization;

namespace ServiceBot.Handoff.Activities;

/// <summary>Bot Framework JSON: camelCase, nulls omitted.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(Activity))]
[JsonSerializable(typeof(List<Activity>))]
public sealed partial class ActivityJsonContext : JsonSerializerContext;
