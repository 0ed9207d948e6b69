namespace ServiceBot.Tests.Support;

/// <summary>
/// The throwaway redis-server that ./test.sh starts for the test run (SERVICEBOT_TEST_REDIS). Tests that need Redis
/// fail with a clear message when it is missing instead of skipping: a skipped store test hides a broken store.
/// </summary>
public static class TestRedis
{
    public const string Variable = "SERVICEBOT_TEST_REDIS";

    public static string ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{Variable} is not set: run the tests with ./test.sh, which starts a redis-server.");

    /// <summary>A key prefix unique to one test, so tests sharing the server never see each other's keys.</summary>
    public static string UniquePrefix() => "sbtest:" + Guid.NewGuid().ToString("N")[..12] + ":";

    /// <summary>An address where nothing listens, for "Redis is down" tests.</summary>
    public static string Unreachable => "127.0.0.1:1,connectTimeout=200";
}
