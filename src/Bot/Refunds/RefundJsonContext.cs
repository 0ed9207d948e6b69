using System.Text.Json;
using System.Text.Json.Serialization;

namespace ServiceBot.Bot.Refunds;

/// <summary>Source-generated JSON for everything the refund area stores, reads or serves (camelCase, enums by name).</summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    UseStringEnumConverter = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(RefundRequest))]
[JsonSerializable(typeof(SeedFile))]
[JsonSerializable(typeof(RefundList))]
[JsonSerializable(typeof(RejectBody))]
[JsonSerializable(typeof(CounterOfferBody))]
[JsonSerializable(typeof(DecideBody))]
public sealed partial class RefundJsonContext : JsonSerializerContext;
