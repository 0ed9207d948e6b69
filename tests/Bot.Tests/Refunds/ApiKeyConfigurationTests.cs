using System.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using ServiceBot.Bot.Hosting;
using ServiceBot.Tests.Support;

namespace ServiceBot.Bot.Tests.Refunds;

/// <summary>API keys are configured in a shape every shell can set, and unusable entries stop the service at start.</summary>
public sealed class ApiKeyConfigurationTests
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
    public async Task An_unusable_key_entry_stops_the_service_at_start(string key1, string value1, string key2, string value2, string expected)
    {
        var app = ServiceHost.Build(
        [
            "--urls", "http://127.0.0.1:0",
            "--Knowledge:Path", RepositoryPaths.Knowledge,
            "--ConnectionStrings:Redis", TestRedis.Unreachable,
            "--Logging:LogLevel:Default", "None",
            key1, value1, key2, value2,
        ]);
        await using (app)
        {
            var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
            Assert.Contains(expected, failure.Message, StringComparison.Ordinal);
        }
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
