using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests;

/// <summary>
/// Settings come in a shape every shell can set, and a setting that cannot work stops the service at start with the
/// reason, instead of a silent default (a misspelt store name was Redis; a bad key answered every call 401).
/// </summary>
public sealed class ConfigurationAtStartTests
{
    [Fact]
    public async Task The_documented_environment_variables_are_accepted_by_bash_and_bind_to_merchant_keys()
    {
        const string Exports = "export Refunds__MerchantKeys__0__Merchant=m-digital Refunds__MerchantKeys__0__Key=0123456789abcdef0123 "
            + "Refunds__PlatformApiKey=fedcba9876543210fedc";
        var variables = await BashEnvironmentAsync(Exports + " && env");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Where(v => v.Key.StartsWith("Refunds__", StringComparison.Ordinal))
                .Select(v => KeyValuePair.Create(v.Key.Replace("__", ":", StringComparison.Ordinal), (string?)v.Value)))
            .Build();

        var options = configuration.GetSection("Refunds").Get<ServiceBot.Bot.Refunds.RefundOptions>()!;

        var entry = Assert.Single(options.MerchantKeys);
        Assert.Equal(("m-digital", "0123456789abcdef0123"), (entry.Merchant, entry.Key));
        Assert.Empty(options.KeyProblems());
    }

    [Theory]
    [InlineData("--Refunds:MerchantKeys:0:Merchant", "m-digital", "--Refunds:MerchantKeys:0:Key", "short", "at least 16")]
    [InlineData("--Refunds:MerchantKeys:0:Merchant", "", "--Refunds:MerchantKeys:0:Key", "0123456789abcdef0123", "not a merchant id")]
    [InlineData("--Refunds:MerchantKeys:0:Merchant", "m:x", "--Refunds:MerchantKeys:0:Key", "0123456789abcdef0123", "not a merchant id")]
    [InlineData("--Refunds:MerchantApiKeys:m-digital", "0123456789abcdef0123", "--Refunds:PlatformApiKey", "fedcba9876543210fedc", "no longer read")]
    [InlineData("--Refunds:PlatformApiKey", "1234", "--Refunds:Store", "redis", "PlatformApiKey must be at least")]
    [InlineData("--Conversations:Store", "redsi", "--Refunds:Store", "redis", "use 'redis' or 'memory'")]
    [InlineData("--Conversations:Lease", "00:00:00.010", "--Refunds:Store", "redis", "Lease must be at least")]
    [InlineData("--Limits:MessageChars", "0", "--Refunds:Store", "redis", "Limits")]
    [InlineData("--Transcripts:Capacity", "0", "--Refunds:Store", "redis", "Transcripts:Capacity must be at least 1")]
    public async Task An_unusable_setting_stops_the_service_at_start(string key1, string value1, string key2, string value2, string expected)
    {
        var failure = await Record.ExceptionAsync(async () =>
        {
            var app = ServiceHost.Build(
            [
                "--urls", "http://127.0.0.1:0",
                "--Knowledge:Path", RepositoryPaths.Knowledge,
                "--ConnectionStrings:Redis", TestRedis.Unreachable,
                "--Logging:LogLevel:Default", "None",
                "--DirectLine:Secret", ServiceFixture.DirectLineSecret,
                key1, value1, key2, value2,
            ]);
            await using (app)
            {
                await app.StartAsync();
            }
        });

        Assert.True(failure is OptionsValidationException or InvalidOperationException, $"started, or failed otherwise: {failure}");
        Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
    }

    private static async Task<Dictionary<string, string>> BashEnvironmentAsync(string script)
    {
        var start = new ProcessStartInfo("bash", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var bash = Process.Start(start)!;
        var output = await bash.StandardOutput.ReadToEndAsync();
        var errors = await bash.StandardError.ReadToEndAsync();
        await bash.WaitForExitAsync();
        Assert.True(bash.ExitCode == 0 && errors.Length == 0, $"bash refused the exports: {errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split('=', 2)).Where(p => p.Length == 2)
            .GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.First()[1]);
    }
}
