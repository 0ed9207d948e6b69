using System.Text.Json;
using ServiceBot.Handoff.Activities;

namespace ServiceBot.Handoff.Tests;

public sealed class ActivityJsonTests
{
    [Fact]
    public void An_activity_round_trips_with_the_fields_it_does_not_know()
    {
        const string json = """{"type":"message","text":"hi","channelData":{"clientActivityID":"abc"},"entities":[{"type":"ClientCapabilities"}],"x-custom":7}""";

        var activity = JsonSerializer.Deserialize(json, ActivityJsonContext.Default.Activity)!;
        var again = JsonSerializer.Serialize(activity, ActivityJsonContext.Default.Activity);

        using var document = JsonDocument.Parse(again);
        Assert.Equal("abc", document.RootElement.GetProperty("channelData").GetProperty("clientActivityID").GetString());
        Assert.Equal(JsonValueKind.Array, document.RootElement.GetProperty("entities").ValueKind);
        Assert.Equal(7, document.RootElement.GetProperty("x-custom").GetInt32());
        Assert.Equal("hi", document.RootElement.GetProperty("text").GetString());
    }

    [Fact]
    public void A_bot_message_serializes()
    {
        var activity = Activity.Message("你好", "zh-CN", [new CardAction("a", "a")]) with { From = new ChannelAccount("bot") };
        var json = JsonSerializer.Serialize(activity, ActivityJsonContext.Default.Activity);
        Assert.Equal("你好", JsonSerializer.Deserialize(json, ActivityJsonContext.Default.Activity)!.Text);
    }
}
