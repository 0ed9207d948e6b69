using ServiceBot.Handoff.Redis;

namespace ServiceBot.Bot.Hosting;

public static class RedisServiceExtensions
{
    /// <summary>Registers the shared Redis connection from ConnectionStrings:Redis and the Redis section.</summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        if (configuration.GetConnectionString(RedisOptions.ConnectionStringName) is { Length: > 0 } connectionString)
        {
            options.ConnectionString = connectionString;
        }

        services.AddSingleton(options);
        services.AddSingleton<RedisConnection>();
        return services;
    }
}
