using ServiceBot.Bot.Agents.Handoff;
using ServiceBot.Handoff.Queue;

namespace ServiceBot.Bot.Tests.Agents;

public sealed class EscalationRulesTests
{
    [Theory]
    [InlineData("我要投诉你们", true)]
    [InlineData("再不退我就打12315", true)]
    [InlineData("你们就是骗子", true)]
    [InlineData("怎么还没到账！！！", true)]
    [InlineData("WHERE IS MY MONEY", true)]
    [InlineData("this is a scam", true)]
    [InlineData("退款多久到账", false)]
    [InlineData("OK", false)]
    [InlineData("SF1234567890", false)]
    [InlineData("谢谢！", false)]
    public void Complaint_and_anger_signals(string text, bool complaint) => Assert.Equal(complaint, EscalationSignals.IsComplaint(text));

    [Fact]
    public void Service_hours_are_read_in_their_own_time_zone()
    {
        var hours = new ServiceHours("08:00-22:00", "+08:00");
        Assert.True(hours.IsOpen(new DateTimeOffset(2026, 12, 3, 1, 0, 0, TimeSpan.Zero)));   // 09:00 in Beijing
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 3, 14, 30, 0, TimeSpan.Zero))); // 22:30
        Assert.False(hours.IsOpen(new DateTimeOffset(2026, 12, 2, 23, 59, 0, TimeSpan.Zero))); // 07:59
        Assert.True(new ServiceHours("00:00-24:00", "+08:00").IsOpen(new DateTimeOffset(2026, 12, 3, 16, 0, 0, TimeSpan.Zero)));
        Assert.Throws<FormatException>(() => new ServiceHours("22:00-08:00", "+08:00"));
        Assert.Throws<FormatException>(() => new ServiceHours("8-22", "+08:00"));
    }

    [Theory]
    [InlineData(Escalation.Asked, null, "", Skill.General)]
    [InlineData(Escalation.Intervention, null, "", Skill.Refund)]
    [InlineData(Escalation.Asked, "refund.file", "", Skill.Refund)]
    [InlineData(Escalation.Asked, "refund.return", "", Skill.Logistics)]
    [InlineData(Escalation.Complaint, null, "快递一直不送货", Skill.Logistics)]
    [InlineData(Escalation.Fallbacks, null, "退款的事", Skill.Refund)]
    public void Skills_route_from_the_trigger_the_dialog_and_the_words(string trigger, string? dialog, string text, Skill skill)
    {
        var snapshot = dialog is null ? null : new System.Text.Json.Nodes.JsonObject { ["name"] = dialog };
        Assert.Equal(skill, HandoffDesk.SkillFor(new Escalation(trigger, text, Priority.Other, snapshot), text));
    }
}
