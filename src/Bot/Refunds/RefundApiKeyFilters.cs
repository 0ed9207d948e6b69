namespace ServiceBot.Bot.Refunds;

/// <summary>Lets a request through only with a merchant's X-Api-Key, and records which merchant it is.</summary>
public sealed class MerchantKeyFilter(ApiKeyAuthenticator keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (keys.FindMerchant(http.Request.Headers[ApiKeyAuthenticator.Header]) is not { } merchantId)
        {
            return RefundApiResults.Unauthorized();
        }

        http.Features.Set(new MerchantCaller(merchantId));
        return await next(context);
    }
}

/// <summary>Lets a request through only with the platform's X-Api-Key.</summary>
public sealed class PlatformKeyFilter(ApiKeyAuthenticator keys) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next) =>
        keys.IsPlatform(context.HttpContext.Request.Headers[ApiKeyAuthenticator.Header])
            ? await next(context)
            : RefundApiResults.Unauthorized();
}

/// <summary>The merchant an API key belongs to, set on the request by <see cref="MerchantKeyFilter"/>.</summary>
public sealed record MerchantCaller(string MerchantId)
{
    public static string Of(HttpContext http) => http.Features.Get<MerchantCaller>()?.MerchantId
        ?? throw new InvalidOperationException("The merchant API key filter did not run for this endpoint.");
}
