namespace ServiceBot.Browser.Tests;

/// <summary>
/// The real host with the real Direct Line server and the demo token endpoint the page asks (on outside Development
/// only when DirectLine:DemoTokens says so), on the test Redis (SERVICEBOT_TEST_REDIS). One host for the whole
/// chromium collection: every page opens its own conversation, so the tests share nothing but the process.
/// </summary>
public sealed class HelpCenterService : ServiceFixture
{
    protected override IEnumerable<string> Settings => ["--DirectLine:DemoTokens", "true"];

    public string Root => Client.BaseAddress!.ToString();
}
