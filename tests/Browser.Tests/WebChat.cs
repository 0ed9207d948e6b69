using Microsoft.Playwright;

namespace ServiceBot.Browser.Tests;

/// <summary>What a customer reads and presses in the page's Web Chat; every wait is on a condition, never a sleep.</summary>
public static class WebChat
{
    public const string SendBox = "[data-id='webchat-sendbox-input']";

    /// <summary>Generous for a shared 2-core CI machine; a passing run waits only as long as the bot takes.</summary>
    public const float BotTimeout = 15_000;

    /// <summary>The bot's message bubbles containing <paramref name="text"/>.</summary>
    public static ILocator FromBot(IPage page, string text) =>
        page.Locator(".webchat__bubble:not(.webchat__bubble--from-user) .webchat__bubble__content", new() { HasText = text });

    /// <summary>The customer's own message bubbles containing <paramref name="text"/>.</summary>
    public static ILocator FromCustomer(IPage page, string text) =>
        page.Locator(".webchat__bubble--from-user .webchat__bubble__content", new() { HasText = text });

    public static ILocator SuggestedActions(IPage page) => page.Locator(".webchat__suggested-action");

    /// <summary>Waits until the bot said <paramref name="text"/> (in exactly one bubble).</summary>
    public static Task ExpectBotSaysAsync(IPage page, string text) =>
        Assertions.Expect(FromBot(page, text)).ToHaveCountAsync(1, new() { Timeout = BotTimeout });

    /// <summary>Types into the send box and presses its send button, as a customer does.</summary>
    public static async Task TypeAndSendAsync(IPage page, string text)
    {
        await page.FillAsync(SendBox, text);
        await page.ClickAsync(".webchat__send-button");
        await Assertions.Expect(FromCustomer(page, text)).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
    }

    /// <summary>Presses the suggested action whose label contains <paramref name="label"/>, once it is offered.</summary>
    public static async Task PressSuggestedAsync(IPage page, string label)
    {
        var button = SuggestedActions(page).Filter(new() { HasText = label });
        await Assertions.Expect(button).ToHaveCountAsync(1, new() { Timeout = BotTimeout });
        await button.ClickAsync();
    }

    /// <summary>Connected and ready: the page says online, the send box is there and Web Chat's own notice is gone.</summary>
    public static async Task ExpectOnlineAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("#chat-status")).ToHaveAttributeAsync("data-state", "online", new() { Timeout = BotTimeout });
        await Assertions.Expect(page.Locator(SendBox)).ToBeVisibleAsync();
        // Web Chat's own "connecting" line stays for its notification debounce (400 ms) after it connected.
        await Assertions.Expect(page.Locator(".webchat__connectivityStatus")).ToBeHiddenAsync();
    }
}
